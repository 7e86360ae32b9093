#!/usr/bin/env sh
# Reach benchmark: a generated estate of 1,000 subnets and 10,000 security groups; times the model
# build and all zone-pair questions (release build). Not part of the test suite.
#   sh bench/reach/run.sh
set -eu
cd "$(dirname "$0")/../.."
: "${CARGO_TARGET_DIR:=/work/target-reach}"
export CARGO_TARGET_DIR
cargo bench -p tightrope-reach --bench estate
