# Installing devenv, and its Debian package (docs/packaging.md):
#   cmake --install build --prefix /usr/local      or      cd build && cpack -G DEB
# installs the binary, a man page and the bash and zsh completion scripts. The last three
# are made from the binary just built (cmake/shell_files.sh), so they follow the command
# line; the package's version is the project's, as the binary's DEVENV_VERSION.
include(GNUInstallDirs)

find_program(HELP2MAN help2man)
if(NOT HELP2MAN)
  message(WARNING "help2man not found: no man page is made or installed (scripts/bootstrap.sh installs it)")
  set(HELP2MAN "")
endif()

set(DEVENV_SHELL_FILES ${PROJECT_BINARY_DIR}/share)
set(shell_files ${DEVENV_SHELL_FILES}/bash-completion/devenv ${DEVENV_SHELL_FILES}/zsh/_devenv)
if(HELP2MAN)
  list(APPEND shell_files ${DEVENV_SHELL_FILES}/man/devenv.1.gz)
endif()
add_custom_command(OUTPUT ${shell_files}
  COMMAND sh ${PROJECT_SOURCE_DIR}/cmake/shell_files.sh $<TARGET_FILE:devenv> ${DEVENV_SHELL_FILES} "${HELP2MAN}"
  DEPENDS devenv ${PROJECT_SOURCE_DIR}/cmake/shell_files.sh
  COMMENT "Completion scripts and man page from devenv's own parser and --help"
  VERBATIM)
add_custom_target(devenv_shell_files ALL DEPENDS ${shell_files})

install(TARGETS devenv RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${DEVENV_SHELL_FILES}/bash-completion/devenv
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
# Debian's zsh looks in /usr/share/zsh/vendor-completions and /usr/local/share/zsh/site-functions.
set(DEVENV_ZSH_COMPLETION_DIR ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions CACHE STRING
  "where the zsh completion goes, under the install prefix")
install(FILES ${DEVENV_SHELL_FILES}/zsh/_devenv DESTINATION ${DEVENV_ZSH_COMPLETION_DIR})
if(HELP2MAN)
  install(FILES ${DEVENV_SHELL_FILES}/man/devenv.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# The Debian package: devenv_<version>_<arch>.deb.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME devenv)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "devenv maintainers <devenv@maintainers.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "local databases from config.toml and schema files, proven to match them")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "devenv brings up the MariaDB/MySQL and PostgreSQL databases a project needs for local\n"
  "development, from one config.toml and the project's own schema files, natively or\n"
  "with Docker Compose, and proves that what runs matches those files (verify, diff).")
set(CPACK_STRIP_FILES TRUE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
# Depends: the shared libraries the binary links, as dpkg-shlibdeps finds them. What it
# runs is in Essential packages (bash, tail from coreutils, gzip), or comes with the
# servers it runs: the native runtime needs the servers and their clients (Recommends);
# the compose runtime Docker; .sql.xz and .sql.zst init files xz and zstd; `devenv shell`
# on a SQLite server the sqlite3 shell.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "mariadb-server, mariadb-client, postgresql, postgresql-client, sqlite3")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "docker.io, docker-compose, xz-utils, zstd, bash-completion")
include(CPack)
