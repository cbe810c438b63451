# How each library is found on Debian bookworm (see docs/stack.md).
find_package(PkgConfig REQUIRED)
find_package(tomlplusplus 3 REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(Poco REQUIRED COMPONENTS Foundation JSON)
find_package(OpenSSL REQUIRED)
# yaml-cpp 0.7 (libyaml-cpp-dev): its CMake config names the target `yaml-cpp`.
find_package(yaml-cpp 0.7 REQUIRED)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
# libidn's stringprep: the SASLprep profile PostgreSQL applies to SCRAM passwords.
pkg_check_modules(IDN REQUIRED IMPORTED_TARGET libidn)
# The SQLite C library (libsqlite3-dev), for engine = "sqlite": db/sqlite_session.cpp.
find_package(SQLite3 REQUIRED)

# Connector/C++ 1.1 ships neither a CMake config nor a .pc file.
find_path(MYSQLCPPCONN_INCLUDE_DIR cppconn/driver.h REQUIRED)
find_library(MYSQLCPPCONN_LIBRARY mysqlcppconn REQUIRED)
add_library(mysqlcppconn::mysqlcppconn UNKNOWN IMPORTED)
set_target_properties(mysqlcppconn::mysqlcppconn PROPERTIES
  IMPORTED_LOCATION "${MYSQLCPPCONN_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${MYSQLCPPCONN_INCLUDE_DIR}")
