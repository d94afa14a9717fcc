#!/usr/bin/env bash
# Trunk post_build hook (see Trunk.toml): stamps the release version into the staged site, so a new release
# never mixes an old file with a new one. The app's JS/wasm/CSS have content-hashed names (Trunk's
# `filehash`); the worker loader (worker.js) is the same in every release and gets the app's names from
# the page. sw.js gets VERSION = hash of every other file of the release, and ASSETS = their paths, which
# the service worker pre-caches on install; its cache is named after VERSION, so each release has its own.
# Works on $TRUNK_STAGING_DIR (set by Trunk), or on the directory given as $1 (to re-stamp a copied site).
set -euo pipefail
DIR=${1:-${TRUNK_STAGING_DIR:?run by trunk as a post_build hook, or pass the site directory}}
cd "$DIR"
hash() { sha256sum "$@" | sha256sum | cut -c1-16; }

[[ -f sw.js ]] || { echo "stamp.sh: no sw.js in $DIR" >&2; exit 1; }
mapfile -t FILES < <(find . -type f ! -name sw.js -printf '%P\n' | LC_ALL=C sort)
VERSION=$(cd . && hash "${FILES[@]}")
ASSETS=$(printf '"./%s",' "${FILES[@]}")
ASSETS="[${ASSETS%,}]"
grep -qE '^const VERSION = .*;$' sw.js && grep -qE '^const ASSETS = .*;$' sw.js \
  || { echo "stamp.sh: sw.js lacks the lines 'const VERSION = ...;' and 'const ASSETS = ...;'" >&2; exit 1; }
sed -i -E "s|^const VERSION = .*;$|const VERSION = '$VERSION';|; s|^const ASSETS = .*;$|const ASSETS = $ASSETS;|" sw.js
echo "stamp.sh: release $VERSION, ${#FILES[@]} files pre-cached"
