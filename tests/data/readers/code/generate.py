"""Draft answers for the help-desk set with a large teacher model."""
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

# model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-70b-chat-hf")  (old run)
TEACHER = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-70B-Instruct")
tokenizer = AutoTokenizer.from_pretrained('meta-llama/Llama-3.1-70B-Instruct', use_fast=True)
embedder_model = "BAAI/bge-small-en-v1.5"
model_out = "outputs/teacher-drafts"
model_cfg = "configs/teacher.yaml"
dataset = load_dataset("acme-labs/help-desk-questions")
print("Usage: python generate.py <org/model>")
