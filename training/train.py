"""Train the bundled de→en model: resumable, checkpointed, time-boxed, deterministic seeds.

    python -m training.train --data ../shared/data --run runs/de_en --minutes 120 \
        --package seeds/model/translate-de_en

Re-running the same command resumes from ``RUN/checkpoint.pt``. Each checkpoint also refreshes the Argos package
at ``--package`` (int8), so a usable model exists from the first checkpoint on.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from training import data as data_mod
from training.export import write_package
from training.model import ModelConfig, Transformer


def train_vocab(pairs: list[data_mod.Pair], run: Path, vocab_size: int, seed: int) -> Path:
    import sentencepiece as spm

    text_path = run / "spm-train.txt"
    rng = random.Random(seed)
    with text_path.open("w", encoding="utf-8") as f:
        for p in pairs:
            f.write(p.de + "\n")
            f.write(p.en + "\n")
    del rng
    prefix = run / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(text_path), model_prefix=str(prefix), vocab_size=vocab_size, model_type="unigram",
        character_coverage=1.0, byte_fallback=True, unk_id=0, bos_id=1, eos_id=2, pad_id=3,
        user_defined_symbols=data_mod.PLACEHOLDERS, input_sentence_size=400000, shuffle_input_sentence=True,
        seed_sentencepiece_size=200000, num_threads=2, minloglevel=2, split_digits=True,
    )
    text_path.unlink()
    return prefix.with_suffix(".model")


def make_batches(encoded: list[tuple[list[int], list[int]]], max_tokens: int, rng: random.Random):
    order = sorted(range(len(encoded)), key=lambda i: (max(len(encoded[i][0]), len(encoded[i][1])) + rng.random()))
    batches, current, longest = [], [], 0
    for i in order:
        n = max(len(encoded[i][0]), len(encoded[i][1]) + 1)
        if current and max(longest, n) * (len(current) + 1) > max_tokens:
            batches.append(current)
            current, longest = [], 0
        current.append(i)
        longest = max(longest, n)
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def collate(encoded, idx, cfg: ModelConfig):
    src_len = max(len(encoded[i][0]) for i in idx)
    tgt_len = max(len(encoded[i][1]) for i in idx) + 1
    src = torch.full((len(idx), src_len), cfg.pad_id, dtype=torch.long)
    tin = torch.full((len(idx), tgt_len), cfg.pad_id, dtype=torch.long)
    tout = torch.full((len(idx), tgt_len), cfg.pad_id, dtype=torch.long)
    for row, i in enumerate(idx):
        s, t = encoded[i]
        src[row, : len(s)] = torch.tensor(s)
        tin[row, : len(t) + 1] = torch.tensor([cfg.bos_id] + t)
        tout[row, : len(t) + 1] = torch.tensor(t + [cfg.eos_id])
    return src, tin, tout


def encode_epoch(pairs, sp, rng, phrases, max_len, augment: bool):
    out = []
    for p in pairs:
        if augment:
            p = data_mod.augment(p, rng, phrases)
        s, t = sp.encode(p.de), sp.encode(p.en)
        if 0 < len(s) <= max_len and 0 < len(t) < max_len:
            out.append((s, t))
    return out


def lr_at(step: int, peak: float, warmup: int) -> float:
    step = max(step, 1)
    return peak * min(step / warmup, math.sqrt(warmup / step))


def package_metadata(info: dict) -> dict:
    return {
        "package_version": info["version"],
        "argos_version": "1.9.0",
        "from_code": "de",
        "from_name": "German",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "name": "Glossator bundled de→en (small)",
        "license": "Model weights: trained by Glossator from research corpora (see MODEL.md); "
                   "non-commercial/research terms of Multi30k and WMT test sets apply.",
        "glossator": info,
    }


def export_package(weights: Transformer, vocab: list[str], spm_path: Path, package: Path, state: dict,
                   n_params: int, threads: int, which: str, decoding: dict | None = None) -> None:
    info = {"version": f"0.1.{state['step']}", "steps": state["step"], "epochs": state["epoch"],
            "train_minutes": round(state["seconds"] / 60, 1), "pairs": state["pairs"], "params": n_params,
            "config": state["config"], "weights": which, "where": f"{os.uname().nodename}, CPU only",
            "threads": threads}
    if decoding:
        info["decoding"] = decoding
    was_training = weights.training
    weights.eval()
    write_package(weights, vocab, spm_path, package, package_metadata(info))
    weights.train(was_training)


def save_checkpoint(path: Path, model, ema, opt, state: dict) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(), "state": state}, tmp)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--run", type=Path, default=Path("runs/de_en"))
    ap.add_argument("--package", type=Path, default=None, help="Argos package directory refreshed at checkpoints")
    ap.add_argument("--minutes", type=float, default=120.0, help="training time budget for this invocation")
    ap.add_argument("--checkpoint-minutes", type=float, default=10.0)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps in total (0: no limit)")
    ap.add_argument("--max-tokens", type=int, default=6000)
    ap.add_argument("--vocab-size", type=int, default=8000)
    ap.add_argument("--d-model", type=int, default=256)
    ap.add_argument("--ff", type=int, default=1024)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--encoder-layers", type=int, default=6)
    ap.add_argument("--decoder-layers", type=int, default=3)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=1000)
    ap.add_argument("--limit-pairs", type=int, default=0, help="use only this many pairs (smoke tests)")
    ap.add_argument("--holdout", type=int, default=600)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--weights", choices=("model", "ema"), default="model",
                    help="which weights go into the package: the trained ones or their moving average")
    ap.add_argument("--no-repeat-ngram-size", type=int, default=0,
                    help="decoding option written into the package (see training/tune.py)")
    ap.add_argument("--repetition-penalty", type=float, default=0.0,
                    help="decoding option written into the package (see training/tune.py)")
    ap.add_argument("--export-only", action="store_true",
                    help="write the package from RUN/checkpoint.pt and stop (no training)")
    ap.add_argument("--bf16", action=argparse.BooleanOptionalAction, default=True,
                    help="bfloat16 autocast for the forward pass (CPU with AVX-512 BF16, or GPU)")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run: Path = args.run
    run.mkdir(parents=True, exist_ok=True)
    started = time.time()

    pairs = data_mod.read_corpora(args.data / "train")
    train_pairs, held = data_mod.split_holdout(pairs, args.holdout, args.seed)
    if args.limit_pairs:
        train_pairs = train_pairs[: args.limit_pairs]
    (run / "holdout.json").write_text(json.dumps([p.__dict__ for p in held], ensure_ascii=False), "utf-8")

    import sentencepiece as spm

    spm_path = run / "sentencepiece.model"
    if not spm_path.exists():
        spm_path = train_vocab(train_pairs, run, args.vocab_size, args.seed)
    sp = spm.SentencePieceProcessor(model_file=str(spm_path))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]

    ckpt = run / "checkpoint.pt"
    saved = torch.load(ckpt, weights_only=False) if ckpt.exists() else None
    if saved is not None:  # a resumed run keeps the shape it was started with
        cfg = ModelConfig(**saved["state"]["config"])
    else:
        cfg = ModelConfig(vocab_size=len(vocab), d_model=args.d_model, heads=args.heads, ff=args.ff,
                          encoder_layers=args.encoder_layers, decoder_layers=args.decoder_layers)
    model = Transformer(cfg)
    ema = Transformer(cfg)
    ema.load_state_dict(model.state_dict())
    ema.eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)
    state = {"step": 0, "epoch": 0, "seconds": 0.0, "config": cfg.to_dict(), "pairs": len(train_pairs),
             "log": []}
    if saved is not None:
        model.load_state_dict(saved["model"])
        ema.load_state_dict(saved["ema"])
        opt.load_state_dict(saved["opt"])
        state = saved["state"]
        print(f"resumed at step {state['step']} ({state['seconds'] / 60:.1f} min trained)", flush=True)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"{len(train_pairs)} training pairs, {len(held)} held out, vocab {len(vocab)}, {n_params / 1e6:.1f}M params",
          flush=True)

    if args.export_only:
        if not ckpt.exists() or not args.package:
            raise SystemExit("--export-only needs RUN/checkpoint.pt and --package")
        decoding = {k: v for k, v in (("no_repeat_ngram_size", args.no_repeat_ngram_size),
                                      ("repetition_penalty", args.repetition_penalty)) if v}
        export_package(model if args.weights == "model" else ema, vocab, spm_path, args.package, state, n_params,
                       args.threads, args.weights, decoding)
        return

    phrases = data_mod.english_phrases(train_pairs, seed=args.seed)
    deadline = started + args.minutes * 60
    last_ckpt = time.time()
    ema_decay = 0.999

    def checkpoint() -> None:
        nonlocal last_ckpt
        save_checkpoint(ckpt, model, ema, opt, state)
        if args.package:
            export_package(model if args.weights == "model" else ema, vocab, spm_path, args.package, state,
                           n_params, args.threads, args.weights)
        last_ckpt = time.time()
        print(f"checkpoint at step {state['step']}", flush=True)

    stop = False
    while not stop:
        rng = random.Random(args.seed + state["epoch"])
        encoded = encode_epoch(train_pairs, sp, rng, phrases, 200, augment=True)
        batches = make_batches(encoded, args.max_tokens, rng)
        skip = state.get("batch_in_epoch", 0)
        model.train()
        t_log, loss_sum, tok_sum = time.time(), 0.0, 0
        for b_index, idx in enumerate(batches):
            if b_index < skip:
                continue
            t0 = time.time()
            src, tin, tout = collate(encoded, idx, cfg)
            # bfloat16 matmuls (AVX-512 BF16 on this machine) are ~1.5x faster on CPU; the loss stays float32.
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(src, tin)
            loss = F.cross_entropy(logits.float().view(-1, cfg.vocab_size), tout.view(-1), ignore_index=cfg.pad_id,
                                   label_smoothing=0.1, reduction="sum")
            ntok = int((tout != cfg.pad_id).sum())
            opt.zero_grad(set_to_none=True)
            (loss / ntok).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            state["step"] += 1
            for group in opt.param_groups:
                group["lr"] = lr_at(state["step"], args.lr, args.warmup)
            opt.step()
            with torch.no_grad():
                decay = min(ema_decay, (1 + state["step"]) / (10 + state["step"]))
                for pe, pm in zip(ema.parameters(), model.parameters()):
                    pe.mul_(decay).add_(pm.detach(), alpha=1 - decay)
            state["seconds"] += time.time() - t0
            state["batch_in_epoch"] = b_index + 1
            loss_sum += float(loss.detach())
            tok_sum += ntok
            if state["step"] % 25 == 0:
                rate = tok_sum / (time.time() - t_log)
                line = {"step": state["step"], "epoch": state["epoch"], "loss": round(loss_sum / tok_sum, 3),
                        "tok_s": round(rate), "minutes": round(state["seconds"] / 60, 1)}
                state["log"].append(line)
                print(json.dumps(line), flush=True)
                t_log, loss_sum, tok_sum = time.time(), 0.0, 0
            if time.time() - last_ckpt > args.checkpoint_minutes * 60:
                checkpoint()
            if time.time() > deadline or (args.max_steps and state["step"] >= args.max_steps):
                stop = True
                break
        else:
            state["epoch"] += 1
            state["batch_in_epoch"] = 0
    checkpoint()


if __name__ == "__main__":
    main()
