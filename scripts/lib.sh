# Shared by scripts/serve and scripts/test: install what is missing, once.
# Every step checks first, so a second run only verifies.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
# One build cache outside the clone: a fresh clone reuses compiled
# dependencies, and cargo's fingerprints rebuild whatever changed.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/agora/target}"
# The environment cargo-leptos gives cargo, exported for every other cargo
# command too (tests, clippy). leptos reads LEPTOS_OUTPUT_NAME at compile time:
# a build without it rebuilds leptos and yields a server that asks for the
# WASM under the wrong name.
export LEPTOS_OUTPUT_NAME=agora LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}" LEPTOS_RELOAD_PORT=3001
export LEPTOS_LIB_DIR=. LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=true
# Every build checks its SQL against the query data committed in .sqlx/
# (cargo sqlx prepare), never against a live database: a build needs no
# PostgreSQL, and scripts/test checks that .sqlx matches the schema.
export SQLX_OFFLINE=true
CARGO_LEPTOS_VERSION=0.3.10
SQLX_CLI_VERSION=0.8.6
# Must equal the wasm-bindgen pinned in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
CARGO_AUDIT_VERSION=0.22.2
# The RustSec advisory database, read from disk: no git host is reachable
# from here and no package registry ships it, so a dated snapshot is kept in
# .ci/advisory-db.tar.gz and unpacked outside the clone; `cargo audit` never
# fetches (docs/security.md). $AGORA_ADVISORY_DB points at another copy.
ADVISORY_SNAPSHOT="$ROOT/.ci/advisory-db.tar.gz"
ADVISORY_DB="${AGORA_ADVISORY_DB:-$HOME/.cache/agora/advisory-db-$(sha256sum "$ADVISORY_SNAPSHOT" 2>/dev/null | cut -c1-12)/advisory-db}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  # Debian mirrors sometimes answer "cannot access archive" once; try again.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" \
    || $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

ensure_build_tools() {
  # gcc: the linker, and libwebp-sys compiles libwebp from source.
  apt_install postgresql postgresql-contrib ca-certificates gcc
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 1; }
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes a while, once)"
    # no_downloads: every tool comes from a package registry, never a binary download.
    cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION" --features no_downloads
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen $WASM_BINDGEN_VERSION"
    # Not --locked: one of its pinned dependencies is no longer in the registry.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
  if [ ! -x node_modules/.bin/wasm-opt ] || [ package.json -nt node_modules/.package-lock.json ]; then
    say "installing npm tools (binaryen, playwright-core, axe-core)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_test_tools() {
  # Debian's Chromium for the browser tests, and CJK fonts so pages render.
  apt_install chromium fonts-noto-cjk
  if [ "$(cargo sqlx --version 2>/dev/null | awk '{print $2}')" != "$SQLX_CLI_VERSION" ]; then
    say "installing sqlx-cli $SQLX_CLI_VERSION (takes a while, once)"
    # PostgreSQL only, no TLS: it talks to the local test cluster.
    cargo install sqlx-cli --locked --version "$SQLX_CLI_VERSION" --no-default-features --features postgres
  fi
}

# Fails when .sqlx/ (the query data offline builds compile against) no
# longer matches the queries in the code and the schema of the migrations:
# a column, type or nullability change must be followed by
# `cargo sqlx prepare --workspace -- --release` (see README).
check_sqlx_data() {
  local admin_url="$1" db="agora_sqlx_check_$$"
  say "checking .sqlx/ against the code and the migrations"
  psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  local url="${admin_url/\/postgres\?//$db?}"
  local rc=0
  sqlx migrate run --source app/migrations --database-url "$url" >/dev/null &&
    DATABASE_URL="$url" cargo sqlx prepare --check --workspace -- --release || rc=$?
  psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  return $rc
}

server_bin() { echo "$CARGO_TARGET_DIR/release/agora-server"; }

build_release() {
  say "building Agora (release: server + WASM)"
  # --split: one WASM piece per page (app/src/lib.rs, lazy_pages!), so a
  # shopper never downloads the back office. --precompress: brotli (quality
  # 11) and gzip copies beside each file, served as they are.
  cargo leptos build --release --split --precompress
  # Beside the site root, where the server finds it whichever copy of the
  # binary runs (server/src/assets.rs).
  cp "$CARGO_TARGET_DIR/release/hash.txt" target/site-hash.txt
}

ensure_audit_tools() {
  if ! cargo audit --version 2>/dev/null | grep -qF "$CARGO_AUDIT_VERSION"; then
    say "installing cargo-audit $CARGO_AUDIT_VERSION (takes a while, once)"
    # Only Cargo.lock is audited, so binary scanning is left out.
    cargo install cargo-audit --locked --version "$CARGO_AUDIT_VERSION" --no-default-features
  fi
  if [ -z "${AGORA_ADVISORY_DB:-}" ] && [ ! -d "$ADVISORY_DB/crates" ]; then
    mkdir -p "$(dirname "$ADVISORY_DB")"
    tar -xzf "$ADVISORY_SNAPSHOT" -C "$(dirname "$ADVISORY_DB")"
  fi
  if [ ! -d "$ADVISORY_DB/crates" ]; then
    echo "no RustSec advisory database at $ADVISORY_DB: see docs/security.md" >&2
    exit 1
  fi
}

# Fails on a known vulnerability in Cargo.lock unless .cargo/audit.toml
# accepts it with a reason. First proves the gate bites: a lockfile holding
# a crate version with a known advisory must fail the same check.
audit_dependencies() {
  say "dependency audit against the RustSec advisories in $ADVISORY_DB"
  local canary
  canary="$(cargo audit --db "$ADVISORY_DB" --no-fetch --json --file .ci/audit-canary.lock 2>/dev/null || true)"
  if ! grep -q 'RUSTSEC-2021-0003' <<<"$canary"; then
    echo "cargo audit did not flag smallvec 1.6.0 (RUSTSEC-2021-0003) in .ci/audit-canary.lock: the audit gate is broken" >&2
    exit 1
  fi
  cargo audit --db "$ADVISORY_DB" --no-fetch
}
