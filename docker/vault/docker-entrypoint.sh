#!/bin/sh
# The official hashicorp/vault image's entrypoint, for what the lab uses of it: `server` gets
# -config=/vault/config plus the dev listen address and root token id from VAULT_DEV_LISTEN_ADDRESS
# (default 0.0.0.0:8200) and VAULT_DEV_ROOT_TOKEN_ID (empty: a generated token); VAULT_LOCAL_CONFIG
# is written to /vault/config/local.json; arguments that are vault subcommands or flags run vault;
# as root it chowns the vault directories (unless SKIP_CHOWN) and drops to the vault user. mlock
# capabilities (SKIP_SETCAP) are not set: dev mode does not use mlock.
set -e

if [ "${1#-}" != "$1" ]; then
  set -- vault "$@"
fi

if [ -n "$VAULT_LOCAL_CONFIG" ]; then
  echo "$VAULT_LOCAL_CONFIG" > /vault/config/local.json
fi

if [ "$1" = 'server' ]; then
  shift
  set -- vault server \
    -config=/vault/config \
    -dev-root-token-id="$VAULT_DEV_ROOT_TOKEN_ID" \
    -dev-listen-address="${VAULT_DEV_LISTEN_ADDRESS:-0.0.0.0:8200}" \
    "$@"
elif [ "$1" = 'version' ]; then
  set -- vault "$@"
elif vault --help "$1" 2>&1 | grep -q "vault $1"; then
  set -- vault "$@"
fi

if [ "$1" = 'vault' ]; then
  if [ -z "$SKIP_CHOWN" ] && [ "$(id -u)" = '0' ]; then
    chown -R vault:vault /vault/config /vault/logs /vault/file 2>/dev/null ||
      echo "Could not chown /vault (may not have appropriate permissions)"
  fi
  if [ "$(id -u)" = '0' ]; then
    set -- setpriv --reuid=vault --regid=vault --init-groups "$@"
  fi
fi

exec "$@"
