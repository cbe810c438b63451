#pragma once

#include <string>

namespace devenv::util {

// "host:port" as URLs write it: an IPv6 address in brackets ("[fd00::5]:3306"), as
// config/remote_url.cpp reads it back and as MySQL Connector/C++'s "tcp://" URIs and
// every driver's URLs expect.
inline std::string host_and_port(const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos && !host.starts_with('[');
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false alarm) on "[" + host.
  std::string out;
  if (ipv6) out += '[';
  out += host;
  if (ipv6) out += ']';
  out += ':';
  out += std::to_string(port);
  return out;
}

}  // namespace devenv::util
