#!/usr/bin/env bash
# Install tapeless into a temporary destdir and consume it three ways: pkg-config, CMake
# find_package, and meson subproject. usage: run.sh BUILD_DIR SOURCE_DIR CXX
# SPDX-License-Identifier: BSL-1.0
set -euo pipefail
build=$(realpath "$1")
src=$(realpath "$2")
cxx=$3
work=$(mktemp -d)
trap 'rm -rf "${work}"' EXIT

meson install -C "${build}" --destdir "${work}/dest" --quiet --no-rebuild
read -r prefix libdir < <(meson introspect "${build}" --buildoptions | python3 -c '
import json, sys
o = {x["name"]: x["value"] for x in json.load(sys.stdin)}
print(o["prefix"], o["libdir"])')
root="${work}/dest${prefix}"

echo "--- pkg-config"
flags=$(PKG_CONFIG_PATH="${root}/${libdir}/pkgconfig" PKG_CONFIG_SYSROOT_DIR="${work}/dest" \
  pkg-config --cflags tapeless)
echo "pkg-config --cflags tapeless: ${flags}"
# shellcheck disable=SC2086
"${cxx}" ${flags} "${src}/tests/install/consumer.cpp" -o "${work}/pc_consumer"
"${work}/pc_consumer"

echo "--- CMake find_package"
cmake -S "${src}/tests/install/cmake" -B "${work}/cmake" -DCMAKE_CXX_COMPILER="${cxx}" \
  -DCMAKE_PREFIX_PATH="${root}" >/dev/null
cmake --build "${work}/cmake" >/dev/null
"${work}/cmake/consumer"

echo "--- meson subproject"
proj="${work}/subproject"
mkdir -p "${proj}/subprojects"
cp "${src}/tests/install/meson/meson.build" "${src}/tests/install/consumer.cpp" "${proj}/"
ln -s "${src}" "${proj}/subprojects/tapeless"
CXX="${cxx}" meson setup "${work}/subproject-build" "${proj}" >/dev/null
meson test -C "${work}/subproject-build" --quiet
echo "install tests passed"
