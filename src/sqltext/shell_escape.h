#pragma once

#include "sqltext/dialect.h"
#include "sqltext/statement.h"

namespace devenv::sqltext {

// Schema files must not run programs. The engines' clients run a shell command for
// some of their own commands (mysql: `system`, `\!`; psql: `\!`, `\o |cmd`,
// `\g |cmd`, `\w |cmd`, `\copy … program`, backquotes in a meta-command), and
// `devenv up` pipes the generated init scripts through those clients; a server-side
// `COPY … PROGRAM` runs one as the superuser that applies them. Throws SourceError
// at the first such command in `statement`.
void reject_shell_escapes(const Statement& statement, Dialect dialect);

}  // namespace devenv::sqltext
