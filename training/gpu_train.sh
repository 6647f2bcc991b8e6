#!/usr/bin/env bash
# A larger bundled model on a GPU machine, in about ten minutes (9 minutes of training, checkpoints every 3).
#
#   training/gpu_train.sh OUT_DIR [train.py options that override the ones below]
#
# Writes OUT_DIR/checkpoint.pt (resumable: run it again to continue), OUT_DIR/best.pt (best held-out loss) and
# OUT_DIR/holdout.json. Nothing else needs the GPU: copy OUT_DIR back and export and evaluate on a CPU:
#
#   python -m training.train --run OUT_DIR --export-only --best --package /tmp/pkg --no-repeat-ngram-size 3 \
#       --length-penalty 2.0
#   python -m training.evaluate --package /tmp/pkg --run OUT_DIR
#
# The shape (d_model 384, 6+3 layers, 20.8M parameters) keeps the int8 package near 21 MB, under the 25 MB the
# project allows. The vocabulary is the shipped one (placeholders ⟦0⟧..⟦15⟧ included), so tests and glossary
# enforcement keep working. Environment: PYTHON (default python), GLOSSATOR_DATA (default ../shared/data).
# CPU smoke run of this path:  PYTHON=.venv/bin/python training/gpu_train.sh /tmp/g --device cpu --max-steps 3 \
#   --limit-pairs 300 --max-tokens 1000 --d-model 32 --heads 2 --ff 64 --no-bf16
set -euo pipefail
if [ $# -lt 1 ] || [[ "$1" == -* ]]; then
    echo "Error: usage: training/gpu_train.sh OUT_DIR [train.py options]" >&2
    exit 1
fi
OUT=$1
shift
cd "$(dirname "$0")/.."
mkdir -p "$OUT"
if [ ! -f "$OUT/sentencepiece.model" ]; then
    cp seeds/model/translate-de_en/sentencepiece.model "$OUT/sentencepiece.model"
fi
PYTHONPATH=. exec "${PYTHON:-python}" -m training.train \
    --data "${GLOSSATOR_DATA:-../shared/data}" --run "$OUT" --device cuda --minutes 9 --checkpoint-minutes 3 \
    --d-model 384 --heads 6 --ff 1536 --encoder-layers 6 --decoder-layers 3 \
    --max-tokens 24000 --lr 7e-4 --warmup 800 --threads 8 \
    --weight wmt-general/ende-systems=0.5 --weight wmt-general/deen-systems=0.5 \
    --short-repeat 3 --name-copy 0.05 --strip-punct 0.15 "$@"
