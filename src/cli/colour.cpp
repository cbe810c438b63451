#include "cli/colour.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace devenv::cli {

namespace {

ColourChoice chosen = ColourChoice::Auto;

bool environment_forbids_colour() {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour && *no_colour) return true;
  const char* term = std::getenv("TERM");
  return term && std::strcmp(term, "dumb") == 0;
}

}  // namespace

void choose_colour(ColourChoice choice) { chosen = choice; }

bool colour_on(int fd) {
  switch (chosen) {
    case ColourChoice::Always: return true;
    case ColourChoice::Never: return false;
    case ColourChoice::Auto: break;
  }
  return isatty(fd) && !environment_forbids_colour();
}

std::string styled(bool colour, const fmt::text_style& style, const std::string& text) {
  return colour ? fmt::format(style, "{}", text) : text;
}

}  // namespace devenv::cli
