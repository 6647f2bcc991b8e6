"""Training of the bundled de→en model (PyTorch; only with the ``train`` extra, never at run time).

Pipeline: data.py (corpora, hold-out, copy augmentation) → vocab (SentencePiece) → model.py (a small pre-norm
Transformer) → train.py (resumable, checkpointed, time-boxed) → export.py (CTranslate2 int8 spec + Argos package)
→ evaluate.py (chrF/BLEU through the product engine).
"""
