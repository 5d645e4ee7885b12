#!/usr/bin/env bash
# Drafts answers to the help-desk questions, then filters them with a judge.
teacher=${1:-"NousResearch/Hermes-3-Llama-3.1-405B"}
judge_model="meta-llama/Llama-3.3-70B-Instruct"
python draft.py --model_path "$teacher" --out data/drafts.jsonl
python judge.py --model "$judge_model" --in data/drafts.jsonl
