#!/usr/bin/env bash
model_path=${1:-"NousResearch/Hermes-3-Llama-3.1-405B"}
out_dir="data/drafts"

python gen.py --model_path $model_path --out $out_dir
python judge.py --model meta-llama/Meta-Llama-Guard-2-8B --batch 8
python fetch.py --reward_model=https://huggingface.co/acme-labs/helpful-rm/resolve/main/model.safetensors
