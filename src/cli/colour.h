#pragma once

#include <fmt/color.h>

#include <string>

namespace devenv::cli {

// --color=auto|always|never, as git and ls take it.
enum class ColourChoice { Auto, Always, Never };

// Chosen once, by the command line, before any command runs.
void choose_colour(ColourChoice choice);

// Whether text written to `fd` is coloured: always or never when asked; by default
// only on a terminal, and not when NO_COLOR is set and not empty (no-color.org) or
// TERM is "dumb".
bool colour_on(int fd);

// `text` in `style` when `colour`, else as it is.
std::string styled(bool colour, const fmt::text_style& style, const std::string& text);

}  // namespace devenv::cli
