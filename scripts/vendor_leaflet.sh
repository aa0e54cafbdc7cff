#!/usr/bin/env bash
# Vendor Leaflet (the portal map's JavaScript) from the npm registry into the portal's static files.
#
# The files are committed (CI and production builds need no npm access); this script records where they
# came from and refreshes them. It downloads leaflet@$VERSION with `npm pack`, refuses the tarball unless
# its sha512 matches the integrity the registry published (`npm view leaflet@$VERSION dist.integrity`,
# recorded below), and copies dist/leaflet.js, dist/leaflet.css, dist/images/* and the LICENSE, plus
# dist/leaflet.js.map: leaflet.js ends with a sourceMappingURL comment, and the hashed static storage used in
# production (`collectstatic`) refuses to run when a referenced file is missing. Browsers fetch the map only
# when the developer tools are open.
#
# To upgrade: change VERSION and INTEGRITY (from `npm view leaflet@<version> dist.integrity`), run this
# script from anywhere, check the map page, commit src/ocop/portal/static/portal/vendor/leaflet/.
set -euo pipefail

VERSION="1.9.4"
INTEGRITY="sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/src/ocop/portal/static/portal/vendor/leaflet"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
TARBALL="$(npm pack --silent "leaflet@$VERSION")"
ACTUAL="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)"
if [[ "$ACTUAL" != "$INTEGRITY" ]]; then
    echo "leaflet@$VERSION: integrity mismatch" >&2
    echo "  expected $INTEGRITY" >&2
    echo "  got      $ACTUAL" >&2
    exit 1
fi
tar -xzf "$TARBALL"

rm -rf "$DEST"
mkdir -p "$DEST/images"
cp package/dist/leaflet.js package/dist/leaflet.js.map package/dist/leaflet.css "$DEST/"
cp package/dist/images/* "$DEST/images/"
cp package/LICENSE "$DEST/LICENSE"
printf 'leaflet@%s from the npm registry (%s), vendored by scripts/vendor_leaflet.sh\n' \
    "$VERSION" "$INTEGRITY" >"$DEST/VERSION"
# The files as copied from the checked tarball: a test holds the committed files to these sums.
(cd "$DEST" && find . -type f ! -name SHA256SUMS ! -name VERSION | sort | xargs sha256sum >SHA256SUMS)
echo "leaflet@$VERSION vendored into ${DEST#"$ROOT"/}"
