#!/bin/sh
# Writes what the package installs beside the binary, read off the binary just built so
# that it changes with the command line (cmake/Packaging.cmake runs it after each link):
#   OUT/bash-completion/devenv   `devenv completion bash`
#   OUT/zsh/_devenv              `devenv completion zsh`
#   OUT/man/devenv.1.gz          help2man over `devenv --help` and `--version`, with every
#                                command's own --help under COMMANDS (when HELP2MAN is given)
#   cmake/shell_files.sh DEVENV OUT [HELP2MAN]
set -eu
devenv=$1 out=$2 help2man=${3:-}
mkdir -p "$out/bash-completion" "$out/zsh" "$out/man"
"$devenv" completion bash >"$out/bash-completion/devenv.tmp"
mv "$out/bash-completion/devenv.tmp" "$out/bash-completion/devenv"
"$devenv" completion zsh >"$out/zsh/_devenv.tmp"
mv "$out/zsh/_devenv.tmp" "$out/zsh/_devenv"
[ -n "$help2man" ] || exit 0

include=$(mktemp)
trap 'rm -f "$include"' EXIT
overview=$("$devenv" --help)
# The commands the overview lists ("  up        start every server…"), each with its own
# help verbatim (.nf); those without one (help, version) print the overview again.
{
  printf '[COMMANDS]\n'
  for command in $(printf '%s\n' "$overview" | awk '/^Commands:/ { on = 1; next }
                                                    on && /^[^ ]/ { exit }
                                                    on && /^  [a-z]/ { print $1 }'); do
    text=$("$devenv" "$command" --help)
    [ "$text" != "$overview" ] || continue
    printf '.SS "devenv %s"\n.nf\n' "$command"
    printf '%s\n' "$text" | sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^[.']/\\\\\\&&/"
    printf '.fi\n'
  done
  printf '[SEE ALSO]\nThe README and docs/ of devenv'"'"'s repository.\n'
} >"$include"
name=$(printf '%s\n' "$overview" | head -n 1 | sed 's/^devenv — //')
"$help2man" --no-info --locale=C.UTF-8 --section=1 --name="$name" --include="$include" \
  --output="$out/man/devenv.1" "$devenv"
gzip -9nf "$out/man/devenv.1"
