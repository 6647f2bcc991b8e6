"""Translation: Argos packages through CTranslate2, segmentation, glossary enforcement, batch.

Never imports textual. Heavy modules (ctranslate2, sentencepiece) load inside the functions that need them.
"""
