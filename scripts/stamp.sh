#!/usr/bin/env bash
# Trunk post_build hook (see Trunk.toml): stamps release versions into the staged site, so a new release
# never mixes an old file with a new one.
#   1. oembed.json's iframe gets absolute URLs when the site's public address is known
#      (CROSSOVER_PUBLIC_URL=https://example.org/crossover/): it is pasted into other sites, where "./"
#      would point at them. Without it the document keeps relative URLs (fine for a same-site consumer).
#   2. sw.js gets VERSION = hash of every other file of the release, and ASSETS = their paths, which the
#      service worker pre-caches on install; its cache is named after VERSION, so each release has its own.
# The app's JS/wasm/CSS have content-hashed names (Trunk's `filehash`); the worker loader (worker.js) is the
# same in every release and gets the app's names from the page.
# Works on $TRUNK_STAGING_DIR (set by Trunk), or on the directory given as $1 (to re-stamp a copied site).
set -euo pipefail
DIR=${1:-${TRUNK_STAGING_DIR:?run by trunk as a post_build hook, or pass the site directory}}
cd "$DIR"
hash() { sha256sum "$@" | sha256sum | cut -c1-16; }

# ---- 1. oEmbed ----
if [[ -n ${CROSSOVER_PUBLIC_URL:-} && -f oembed.json ]]; then
  URL=${CROSSOVER_PUBLIC_URL%/}/
  # Nothing that JSON, HTML or the sed replacement below would read specially.
  plain='^https?://[^"\\|&#?[:space:]]+$'
  [[ $URL =~ $plain ]] \
    || { echo "stamp.sh: CROSSOVER_PUBLIC_URL must be a plain http(s) address (no quotes, &, #, ?, spaces): $URL" >&2; exit 1; }
  # The JSON holds the iframe as text: src=\"./?embed=…\".
  sed -i -E "s#src=\\\\\"\\./#src=\\\\\"$URL#g" oembed.json
  grep -q "\"provider_url\"" oembed.json \
    || sed -i -E "s#^(  \"provider_name\": .*,)\$#\1\n  \"provider_url\": \"$URL\",#" oembed.json
fi

# ---- 2. service worker ----
[[ -f sw.js ]] || { echo "stamp.sh: no sw.js in $DIR" >&2; exit 1; }
mapfile -t FILES < <(find . -type f ! -name sw.js -printf '%P\n' | LC_ALL=C sort)
VERSION=$(cd . && hash "${FILES[@]}")
ASSETS=$(printf '"./%s",' "${FILES[@]}")
ASSETS="[${ASSETS%,}]"
grep -qE '^const VERSION = .*;$' sw.js && grep -qE '^const ASSETS = .*;$' sw.js \
  || { echo "stamp.sh: sw.js lacks the lines 'const VERSION = ...;' and 'const ASSETS = ...;'" >&2; exit 1; }
sed -i -E "s|^const VERSION = .*;$|const VERSION = '$VERSION';|; s|^const ASSETS = .*;$|const ASSETS = $ASSETS;|" sw.js
echo "stamp.sh: release $VERSION, ${#FILES[@]} files pre-cached"
