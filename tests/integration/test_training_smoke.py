"""The training pipeline end to end on a few hundred pairs: vocab, steps, checkpoint, resume, Argos package.

Needs the ``train`` extra (torch); CI installs only ``test``, so there this module is skipped. Run it with
``pip install -e '.[train,test]' && pytest tests/integration/test_training_smoke.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.mark.skipif(not (DATA / "train").is_dir(), reason="needs ../shared/data")
def test_tiny_training_run_resumes_and_exports_a_package_the_engine_loads(tmp_path):
    from glossator.translate.engine import ArgosEngine
    from training.train import main

    run, package = tmp_path / "run", tmp_path / "pkg"
    common = ["--data", str(DATA), "--run", str(run), "--package", str(package), "--limit-pairs", "300",
              "--vocab-size", "600", "--d-model", "32", "--ff", "64", "--heads", "2", "--encoder-layers", "1",
              "--decoder-layers", "1", "--max-tokens", "800", "--holdout", "20", "--no-bf16"]
    main([*common, "--max-steps", "3"])
    state = torch.load(run / "checkpoint.pt", weights_only=False)["state"]
    assert state["step"] == 3
    main([*common, "--max-steps", "5"])  # resumes: two more steps, not five
    assert torch.load(run / "checkpoint.pt", weights_only=False)["state"]["step"] == 5

    meta = json.loads((package / "metadata.json").read_text("utf-8"))
    assert (meta["from_code"], meta["to_code"]) == ("de", "en")
    assert meta["glossator"]["steps"] == 5
    engine = ArgosEngine(package, beam_size=1)
    [out] = engine.translate(["Ein Mann fährt Fahrrad."])
    assert isinstance(out, str)


def test_exported_model_scores_exactly_like_pytorch(tmp_path):
    """CTranslate2 (float32) and the PyTorch model give the same log-probabilities for the same pair."""
    ctranslate2 = pytest.importorskip("ctranslate2")
    import sentencepiece as spm
    import torch.nn.functional as F

    from training.export import convert
    from training.model import ModelConfig, Transformer

    text = tmp_path / "corpus.txt"
    text.write_text("\n".join(["ein Mann fährt Fahrrad .", "a man rides a bike .", "Hallo Welt", "hello world"] * 50))
    spm.SentencePieceTrainer.train(input=str(text), model_prefix=str(tmp_path / "sp"), vocab_size=30,
                                   unk_id=0, bos_id=1, eos_id=2, pad_id=3, minloglevel=2)
    sp = spm.SentencePieceProcessor(model_file=str(tmp_path / "sp.model"))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    torch.manual_seed(0)
    model = Transformer(ModelConfig(vocab_size=len(vocab), d_model=32, heads=2, ff=64, encoder_layers=2,
                                    decoder_layers=2, dropout=0.0))
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.3)
    model.eval()
    convert(model, vocab, tmp_path / "ct2", quantization="float32")
    translator = ctranslate2.Translator(str(tmp_path / "ct2"))
    src, tgt = "ein Mann fährt Fahrrad .", "a man rides a bike ."
    [score] = translator.score_batch([sp.encode(src, out_type=str)], [sp.encode(tgt, out_type=str)])
    ids = sp.encode(tgt)
    logp = F.log_softmax(model(torch.tensor([sp.encode(src)]), torch.tensor([[1, *ids]])), -1)[0]
    ours = [float(logp[k, t]) for k, t in enumerate([*ids, 2])]
    assert ours == pytest.approx(score.log_probs, abs=1e-3)


def test_export_leaves_the_live_model_untouched(tmp_path):
    """The converter scales and quantises arrays in place: exporting must work on copies."""
    from training.export import convert
    from training.model import ModelConfig, Transformer

    model = Transformer(ModelConfig(vocab_size=16, d_model=16, heads=2, ff=32, encoder_layers=1, decoder_layers=1))
    before = {k: v.clone() for k, v in model.state_dict().items()}
    convert(model, [f"t{i}" for i in range(16)], tmp_path / "ct2", quantization="int8")
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
