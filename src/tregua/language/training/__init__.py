"""Training recipe for our Spanish NER (issue #4): CoNLL-2002 → DocBin, spaCy config, scores.

``make model`` runs it: ``convert`` turns the CoNLL files into spaCy's binary format,
``train`` runs ``spacy train`` with ``ner.cfg`` and packs the best pipeline into
``tregua/language/models/ner_es``, ``evaluate`` scores it and es_core_news_sm's own NER on
the CoNLL-2002 test set. The data stays in ``../shared``: its terms allow research use only.
"""
