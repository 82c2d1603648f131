#!/usr/bin/env python3
"""Generates the pathological inputs of issue 14 (see BENCHMARKS.md, "Pathological
inputs") under DIR, one carta project per case:

  junk/       locales/de/main.ftl: 8 MB of junk entries (one line of words each)
  junk-lines/ locales/de/main.ftl: 8 MB of one-letter junk lines (4 million entries)
  clean/      locales/de/main.ftl: 8 MB of valid messages (the baseline for junk)
  quotes/     content/deep.md: 160,000 nested block quotes (320 KB)
  items/      content/deep.md: 40,000 nested list items (80 KB)
  heading/    content/one.md: 20,000 paragraphs under one heading (new IDs share a stem)
  long/       content/long.md: 499 paragraphs of 2,000 words, extracted once, then
              every paragraph reworded (so extract's similarity pass compares them all)
  messages/   locales/{en-US,de}/main.ftl: 1,000,000 messages in one locale (only with
              --messages; a large corpus)

Usage: bench/pathological.py DIR [--messages N]
"""

import os
import random
import sys


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def project(root, source="greeting = Hello\n"):
    write(os.path.join(root, "carta.toml"), 'source-locale = "en-US"\n')
    write(os.path.join(root, "locales/en-US/main.ftl"), source)


def main():
    out = sys.argv[1]
    messages = 0
    if "--messages" in sys.argv:
        messages = int(sys.argv[sys.argv.index("--messages") + 1])
    rng = random.Random(14)
    size = 8 * 1024 * 1024

    root = os.path.join(out, "junk")
    project(root)
    lines, n = [], 0
    while n < size:
        line = f"this line {len(lines)} is junk: no equals sign here, just words\n"
        lines.append(line)
        n += len(line)
    write(os.path.join(root, "locales/de/main.ftl"), "".join(lines))

    # The same size in the shortest junk there is: 4 million one-letter lines.
    root = os.path.join(out, "junk-lines")
    project(root)
    write(os.path.join(root, "locales/de/main.ftl"), "x\n" * (size // 2))

    root = os.path.join(out, "clean")
    project(root)
    lines, n = [], 0
    while n < size:
        line = f"m{len(lines)} = this message {len(lines)} is valid: words and more words\n"
        lines.append(line)
        n += len(line)
    write(os.path.join(root, "locales/de/main.ftl"), "".join(lines))

    root = os.path.join(out, "quotes")
    write(os.path.join(root, "carta.toml"), 'source-locale = "en-US"\n')
    write(os.path.join(root, "content/deep.md"), "# Deep\n\n" + "> " * 160_000 + "quote\n")

    root = os.path.join(out, "items")
    write(os.path.join(root, "carta.toml"), 'source-locale = "en-US"\n')
    write(os.path.join(root, "content/deep.md"), "# Deep\n\n" + "- " * 40_000 + "item\n")

    root = os.path.join(out, "heading")
    write(os.path.join(root, "carta.toml"), 'source-locale = "en-US"\n')
    paras = "".join(f"Paragraph {i} says something new.\n\n" for i in range(20_000))
    write(os.path.join(root, "content/one.md"), "# One\n\n## Everything\n\n" + paras)

    root = os.path.join(out, "long")
    write(os.path.join(root, "carta.toml"), 'source-locale = "en-US"\n')
    vocab = [f"w{i}" for i in range(5000)]
    paragraphs = [" ".join(rng.choice(vocab) for _ in range(2000)) for _ in range(499)]
    write(os.path.join(root, "content/long.md"), "# Long\n\n" + "".join(p + "\n\n" for p in paragraphs))
    # The reworded version, swapped in after the first extract (see pathological.sh).
    reworded = ["x" + p[1:].replace(" w1 ", " changed ") for p in paragraphs]
    write(os.path.join(root, "reworded.md"), "# Long\n\n" + "".join(p + "\n\n" for p in reworded))

    if messages:
        root = os.path.join(out, "messages")
        src = "".join(f"m{i} = Message number {i} with a few words\n" for i in range(messages))
        project(root, src)
        write(
            os.path.join(root, "locales/de/main.ftl"),
            "".join(f"m{i} = Nachricht Nummer {i} mit ein paar Worten\n" for i in range(messages)),
        )


if __name__ == "__main__":
    main()
