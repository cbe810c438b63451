#!/usr/bin/env zsh
# What zsh offers for a command line, through a completion function as compinit loads
# it from $fpath, in an interactive zsh on a pseudo-terminal: one match a line.
#   zsh_complete.zsh COMPLETION_FILE DIR 'devenv st' [DUMP]      → status
# (TAB is typed after the line; DIR is where the shell runs; PATH as given. DUMP:
# compinit's dump file, kept between calls: making it takes a second.)
emulate -L zsh
zmodload zsh/zpty || exit 2
file=${1:a} dir=$2 line=$3
tmp=$(mktemp -d) || exit 2
dump=${4:-$tmp/.zcompdump}
cat >$tmp/.zshrc <<RC
# The completion's folder, and the parts of zsh's own that it uses (fast to scan).
fpath=(${(q)file:h} \${(M)fpath:#*/functions/Completion(|/Base|/Unix|/Zsh)})
autoload -U compinit && compinit -u -d ${(q)dump}
PROMPT=''
bindkey '^I' complete-word
zstyle ':completion:*' insert-tab false
# Every match zsh would offer, written down instead of shown; then the shell leaves.
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "\$@"; return; fi
  local -a __matches
  builtin compadd -O __matches "\$@"
  (( \$#__matches )) && print -rl -- \$__matches >>$tmp/matches
  builtin compadd "\$@"
}
__devenv_test_done() { print -r -- '-- done' >>$tmp/matches; exit }
comppostfuncs=(__devenv_test_done)
cd ${(q)dir}
print -r -- '-- ready' >>$tmp/matches
RC
touch $tmp/matches
zpty devenv_test env ZDOTDIR=$tmp zsh -d -i  # no /etc/zsh/zshrc: only the .zshrc above
for i in {1..200}; do grep -q -- '-- ready' $tmp/matches && break; sleep 0.05; done
zpty -w -n devenv_test "$line"$'\t'
for i in {1..200}; do grep -q -- '-- done' $tmp/matches && break; sleep 0.05; done
zpty -d devenv_test
# (No EXIT trap: the shell zpty forks would run it.)
if ! grep -q -- '-- done' $tmp/matches; then
  print -u2 "zsh_complete: no completion ran"
  rm -rf $tmp
  exit 1
fi
grep -v -- '^-- ' $tmp/matches | sort -u
rm -rf $tmp
