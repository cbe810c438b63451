# A .env file and ${VAR} forms (the target reads every input as a .env file and as
# a config value too)
export APP_PW="p\$w \"q\" ${HOME}"
ROOT='literal $NOT'
URL=mysql://u:${APP_PW:-x}@127.0.0.1:${PORT-3306}/db # comment
NEED=${EMPTY:?set it} ${HOME:+yes} ${MISSING?no} $$ $HOME ${A:-${B:-deep}}
MULTI="one
two"
