#include "adopt/image_engine.h"

#include <cctype>

namespace devenv::adopt {

namespace {

bool contains(std::string_view text, std::string_view word) { return text.find(word) != std::string_view::npos; }

std::optional<engine::Engine::Kind> kind_of(std::string_view repository) {
  using Kind = engine::Engine::Kind;
  if (contains(repository, "mariadb")) return Kind::MariaDB;
  if (contains(repository, "mysql") || contains(repository, "percona")) return Kind::MySQL;
  for (std::string_view postgres : {"postgres", "postgis", "timescale", "pgvector"}) {
    if (contains(repository, postgres)) return Kind::Postgres;
  }
  return std::nullopt;
}

// "15" of "15-alpine", "8.0" of "8.0.36-debian": the digits and dots it starts with.
std::string version_of(std::string_view tag) {
  std::size_t n = 0;
  while (n < tag.size() && (std::isdigit(static_cast<unsigned char>(tag[n])) || tag[n] == '.')) ++n;
  std::string version(tag.substr(0, n));
  while (!version.empty() && version.back() == '.') version.pop_back();
  return version;
}

}  // namespace

std::optional<ImageFacts> image_facts(std::string_view image) {
  image = image.substr(0, image.find('@'));  // a digest pins the same image
  const std::size_t slash = image.rfind('/');
  const std::size_t colon = image.rfind(':');
  const bool tagged = colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash);
  const std::string_view repository = image.substr(0, tagged ? colon : image.size());
  const std::string_view name = repository.substr(slash == std::string_view::npos ? 0 : slash + 1);
  const std::optional<engine::Engine::Kind> kind = kind_of(name);
  if (!kind) return std::nullopt;
  const std::string_view owner = repository.substr(0, repository.size() - name.size());
  const bool official = (owner.empty() || owner == "library/" || owner == "docker.io/library/") &&
                        (name == "mysql" || name == "mariadb" || name == "postgres");
  return ImageFacts{engine::Engine(*kind), tagged ? version_of(image.substr(colon + 1)) : "", official};
}

}  // namespace devenv::adopt
