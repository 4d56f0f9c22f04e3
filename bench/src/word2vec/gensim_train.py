"""One gensim Word2Vec training run for `pnpm bench word2vec` (bench/src/word2vec/gensim.ts runs it).

usage: python3 gensim_train.py SETTINGS_JSON CORPUS OUT SEED

SETTINGS_JSON holds the pinned settings of bench/configs/word2vec.json (dimensions, window, negative,
minCount, sample, alpha, minAlpha, epochs, workers, gensimInput). CORPUS is the pre-tokenised file
(one line per paragraph, words separated by single spaces). The vectors are written to OUT in
word2vec binary format. The last stdout line is one JSON document; an interpreter without gensim
prints {"unavailable": …} and exits 0, so the benchmark can say so in one line.

Timing: build_vocab (one pass over the file: counts, vocabulary, sampling and negative tables,
weight initialisation) is timed apart from train(); train() alone is the training time.
"""

import json
import sys
import time


def main() -> None:
    settings_path, corpus, out, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    with open(settings_path, encoding="utf-8") as f:
        s = json.load(f)
    try:
        import gensim
        from gensim.models import Word2Vec
        from gensim.models.word2vec import LineSentence
        from gensim.models.word2vec_inner import FAST_VERSION, MAX_WORDS_IN_BATCH
    except ImportError as error:  # no gensim here: one line for the report, not a failure
        print(json.dumps({"unavailable": f"gensim not importable ({error})"}))
        return
    if FAST_VERSION < 0:
        print(json.dumps({"unavailable": "gensim without its compiled (Cython) routines"}))
        return

    use_file = s.get("gensimInput", "iterable") == "corpus_file"
    model = Word2Vec(
        vector_size=s["dimensions"],
        window=s["window"],
        negative=s["negative"],
        min_count=s["minCount"],
        sample=s["sample"],
        alpha=s["alpha"],
        min_alpha=s["minAlpha"],
        epochs=s["epochs"],
        workers=s["workers"],
        sg=1,
        hs=0,
        seed=seed,
    )
    t0 = time.perf_counter()
    if use_file:
        model.build_vocab(corpus_file=corpus)
    else:
        model.build_vocab(corpus_iterable=LineSentence(corpus, max_sentence_length=MAX_WORDS_IN_BATCH))
    t1 = time.perf_counter()
    if use_file:
        effective, raw = model.train(
            corpus_file=corpus,
            total_examples=model.corpus_count,
            total_words=model.corpus_total_words,
            epochs=model.epochs,
        )
    else:
        effective, raw = model.train(
            LineSentence(corpus, max_sentence_length=MAX_WORDS_IN_BATCH),
            total_examples=model.corpus_count,
            epochs=model.epochs,
        )
    t2 = time.perf_counter()
    model.wv.save_word2vec_format(out, binary=True)
    print(
        json.dumps(
            {
                "version": gensim.__version__,
                "input": "corpus_file" if use_file else "LineSentence",
                "vocabSeconds": t1 - t0,
                "trainSeconds": t2 - t1,
                "corpusWords": model.corpus_total_words,
                "vocabulary": len(model.wv),
                "effectiveWords": effective,
                "rawWords": raw,
            }
        )
    )


if __name__ == "__main__":
    main()
