#!/usr/bin/env bash
# Rebuild the committed front-end assets in portal/static/assets/.
#
# Run only when changing portal/static/src/*.scss or upgrading GOV.UK Frontend:
#   bash scripts/build-frontend.sh
#
# Needs Node (>= 20.19) and npm with access to the npm registry. Everything is
# downloaded into a temporary directory that is removed afterwards; nothing is
# added to the repo except the outputs listed below. Setting up or running the
# portal never needs npm, because the outputs are committed.
#
# Outputs:
#   portal/static/assets/portal.min.css         compiled from portal/static/src/portal.scss
#   portal/static/assets/govuk-frontend.min.js  copied from the govuk-frontend package
#   portal/static/assets/init.js                its import line: the script's content version (?v=)
#   portal/static/assets/VERSION.txt            versions and checksum of what was used
#
# Deliberately NOT copied: GOV.UK fonts (GDS Transport), crest, crown, GOV.UK
# favicons, icons and manifest. A council service is not GOV.UK.
set -euo pipefail

# govuk-frontend-jinja 4.1.0 targets GOV.UK Frontend 6.3.0: keep them in step.
GOVUK_FRONTEND_VERSION="${GOVUK_FRONTEND_VERSION:-6.3.0}"
# sha1 of govuk-frontend-6.3.0.tgz from the npm registry. Set to "" to skip the
# check when deliberately trying another version.
GOVUK_FRONTEND_SHA1="${GOVUK_FRONTEND_SHA1-1ff97c181ab08ec0b96fdb96628066a5d32e1018}"
SASS_VERSION="${SASS_VERSION:-1.108.2}"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$repo/portal/static/src"
dest="$repo/portal/static/assets"

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found" >&2; exit 1; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "Fetching govuk-frontend@${GOVUK_FRONTEND_VERSION} and sass@${SASS_VERSION} ..."
(
  cd "$tmp"
  # A package.json here keeps npm from looking for a project further up.
  printf '{ "name": "portal-frontend-build", "private": true }\n' > package.json
  npm pack --silent "govuk-frontend@${GOVUK_FRONTEND_VERSION}" >/dev/null
  tar xzf "govuk-frontend-${GOVUK_FRONTEND_VERSION}.tgz"
  npm install --silent --no-save --save-exact --no-audit --no-fund \
    --ignore-scripts --omit=optional "sass@${SASS_VERSION}"
)

tgz="$tmp/govuk-frontend-${GOVUK_FRONTEND_VERSION}.tgz"
tgz_sha1="$(sha1sum "$tgz" | cut -d' ' -f1)"
if [[ -n "$GOVUK_FRONTEND_SHA1" && "$tgz_sha1" != "$GOVUK_FRONTEND_SHA1" ]]; then
  echo "error: govuk-frontend tgz sha1 is $tgz_sha1, expected $GOVUK_FRONTEND_SHA1" >&2
  exit 1
fi

sass="$tmp/node_modules/.bin/sass"
sass_version="$(node -p 'require(process.argv[1]).version' "$tmp/node_modules/sass/package.json")"
if [[ "$sass_version" != "$SASS_VERSION" ]]; then
  echo "error: installed sass is $sass_version, expected $SASS_VERSION" >&2
  exit 1
fi

gf_dist="$tmp/package/dist"
mkdir -p "$dest"

echo "Compiling portal.scss ..."
"$sass" \
  --style=compressed \
  --no-source-map \
  --quiet-deps \
  --load-path="$gf_dist" \
  "$src/portal.scss" "$dest/portal.min.css"

cp "$gf_dist/govuk/govuk-frontend.min.js" "$dest/govuk-frontend.min.js"

# init.js imports GOV.UK Frontend's script by its content version (the ?v= that portal/assets.py gives
# every link it makes), so that browsers may keep it for a year like every other asset.
js_version="$(sha256sum "$dest/govuk-frontend.min.js" | cut -c1-16)"
sed -i -E "s#'\./govuk-frontend\.min\.js(\?v=[0-9a-f]+)?'#'./govuk-frontend.min.js?v=${js_version}'#" \
  "$dest/init.js"
grep -q "'./govuk-frontend.min.js?v=${js_version}'" "$dest/init.js" || {
  echo "error: could not write the script's version into init.js" >&2
  exit 1
}

cat > "$dest/VERSION.txt" <<VERSION
govuk-frontend ${GOVUK_FRONTEND_VERSION} (npm), licence MIT
  tgz sha1: ${tgz_sha1}
  used: the dist/govuk/ Sass modules listed in portal/static/src/portal.scss (compiled into portal.min.css),
    dist/govuk/govuk-frontend.min.js (copied)
  not used: GOV.UK fonts, crest, crown, favicons, icons, manifest
sass ${sass_version} (npm, Dart Sass), build-time only, licence MIT
Rebuild: bash scripts/build-frontend.sh
VERSION

# Fail if the compiled CSS loads GOV.UK fonts or images that we do not ship.
# (Class names such as .govuk-footer__crown are fine; URLs and fonts are not.)
bad='GDS Transport|@font-face|url\([^)]*(fonts/|crest|crown|govuk-)'
if grep -Eqi "$bad" "$dest/portal.min.css"; then
  echo "error: portal.min.css references GOV.UK fonts or images:" >&2
  grep -Eoi ".{0,60}($bad).{0,60}" "$dest/portal.min.css" >&2
  exit 1
fi

echo "Done:"
for f in portal.min.css govuk-frontend.min.js; do
  printf '  %-24s %8d bytes (%d gzipped)\n' "$f" \
    "$(wc -c < "$dest/$f")" "$(gzip -9c "$dest/$f" | wc -c)"
done
