"""Checks that a directory written by CausalLM::save loads in transformers and reproduces reference logits.

Usage: check_saved_model.py MODEL_DIR REFERENCE_SAFETENSORS MAX_RELATIVE_ERROR

Loads MODEL_DIR with AutoModelForCausalLM (every tensor must be used and none missing), runs the
reference batch (see make_reference_models.py) and compares the logits of the real (non-padding)
tokens: max|a - b| / max|b| must not exceed MAX_RELATIVE_ERROR. Exits 1 with the reason otherwise.
"""

import sys

import torch
import transformers
from safetensors.torch import load_file


def main():
    model_dir, reference_file, bound = sys.argv[1], sys.argv[2], float(sys.argv[3])
    transformers.utils.logging.disable_progress_bar()
    model, info = transformers.AutoModelForCausalLM.from_pretrained(model_dir, output_loading_info=True)
    problems = {k: v for k, v in info.items() if v}
    if problems:
        sys.exit(f"{model_dir}: transformers did not load the checkpoint cleanly: {problems}")
    ref = load_file(reference_file)
    ids, mask = ref["input_ids"], ref["attention_mask"]
    kwargs = dict(input_ids=ids, attention_mask=mask)
    if model.config.model_type != "mpt":
        kwargs["position_ids"] = (mask.cumsum(-1) - 1).clamp(min=0)
    with torch.no_grad():
        logits = model.eval()(**kwargs).logits.float()
    real = mask.bool()
    error = ((logits[real] - ref["logits"][real]).abs().max() / ref["logits"][real].abs().max()).item()
    print(f"{model_dir}: dtype {model.dtype}, max relative logit error {error:.3g} (bound {bound:g})")
    if not error <= bound:
        sys.exit(1)


if __name__ == "__main__":
    main()
