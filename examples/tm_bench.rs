//! The translation-memory lookup benchmark (issue 18): N new messages looked up in an
//! M-entry memory, through `carta::memory::Memory` — the same code `carta sync` uses.
//!
//! ```text
//! cargo run --release --example tm_bench -- [MEMORY_ENTRIES] [QUERIES] [SEED]
//! ```
//!
//! (defaults 100000 10000 1). The corpus is deterministic (splitmix64): sentences of 6–30
//! words from a 6,000-word vocabulary with a Zipf-like (log-uniform) word frequency, so
//! common words and bigrams are very common, as in real text. The queries are one third
//! exact copies of memory entries (with other spacing), one third copies with 1–3 words
//! replaced, inserted or deleted (fuzzy), one third new sentences. One thread, as `sync`
//! uses per locale.
//!
//! Prints the time to fill the memory, to build both indexes, to look up every query,
//! and the counts of exact and fuzzy hits (checked: every exact copy is found exactly).

use std::borrow::Cow;
use std::time::Instant;

use carta::memory::{Entry, Kind, Memory, Target, FUZZY_THRESHOLD};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const VOCABULARY: usize = 6000;

fn word(rng: &mut Rng, vocab: &[String]) -> String {
    // Log-uniform rank: the head of the vocabulary is very frequent.
    let rank = ((VOCABULARY as f64).powf(rng.unit()) as usize).saturating_sub(1);
    vocab[rank.min(VOCABULARY - 1)].clone()
}

fn sentence(rng: &mut Rng, vocab: &[String]) -> Vec<String> {
    let n = 6 + rng.below(25) as usize;
    (0..n).map(|_| word(rng, vocab)).collect()
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("numbers: MEMORY_ENTRIES QUERIES SEED"))
        .collect();
    let entries = args.first().copied().unwrap_or(100_000);
    let queries = args.get(1).copied().unwrap_or(10_000);
    let seed = args.get(2).copied().unwrap_or(1) as u64;
    let mut rng = Rng(seed);
    let letters = "abcdefghijklmnopqrstuvwxyz";
    let vocab: Vec<String> = (0..VOCABULARY)
        .map(|_| {
            let len = 2 + rng.below(9) as usize;
            (0..len)
                .map(|_| letters.as_bytes()[rng.below(26) as usize] as char)
                .collect()
        })
        .collect();
    let sources: Vec<Vec<String>> = (0..entries).map(|_| sentence(&mut rng, &vocab)).collect();
    let texts: Vec<String> = sources.iter().map(|s| s.join(" ") + ".").collect();

    let started = Instant::now();
    let mut memory = Memory::new();
    for (i, t) in texts.iter().enumerate() {
        memory.push(Entry {
            source: Cow::Borrowed(t.as_str()),
            target: Target::Fluent(format!("translation {i}")),
            file: Cow::Borrowed("locales/xx/memory.tmx"),
            unit: Cow::Owned(format!("u{i}")),
            kind: Kind::Imported,
        });
    }
    let filled = started.elapsed();

    // The queries: exact copies, edited copies, new sentences.
    let mut qs: Vec<(String, u8)> = Vec::with_capacity(queries);
    for n in 0..queries {
        let pick = rng.below(entries as u64) as usize;
        match n % 3 {
            0 => qs.push((sources[pick].join("  ") + ".", 0)),
            1 => {
                let mut words = sources[pick].clone();
                for _ in 0..1 + rng.below(3) {
                    let at = rng.below(words.len() as u64) as usize;
                    match rng.below(3) {
                        0 => words[at] = word(&mut rng, &vocab),
                        1 => words.insert(at, word(&mut rng, &vocab)),
                        _ if words.len() > 2 => {
                            words.remove(at);
                        }
                        _ => {}
                    }
                }
                qs.push((words.join(" ") + ".", 1));
            }
            _ => qs.push((sentence(&mut rng, &vocab).join(" ") + ".", 2)),
        }
    }

    let started = Instant::now();
    // The indexes are built on the first lookup: time that apart.
    let _ = memory.lookup("warm up the indexes", "");
    let indexed = started.elapsed();
    let started = Instant::now();
    let (mut exact, mut fuzzy, mut missed_exact) = (0, 0, 0);
    let mut fuzzy_by_kind = [0usize; 3];
    for (q, kind) in &qs {
        match memory.lookup(q, "") {
            Some(m) if m.percent == 100 => exact += 1,
            Some(m) => {
                assert!(m.percent >= FUZZY_THRESHOLD);
                fuzzy += 1;
                fuzzy_by_kind[*kind as usize] += 1;
            }
            None if *kind == 0 => missed_exact += 1,
            None => {}
        }
    }
    let looked_up = started.elapsed();
    assert_eq!(missed_exact, 0, "an exact copy was not found");
    // What a pairwise scan would cost: a word edit distance against every entry, for a
    // few queries, extrapolated to all of them.
    let sample = 20.min(qs.len());
    let split = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let words: Vec<Vec<String>> = texts.iter().map(|t| split(t)).collect();
    let started = Instant::now();
    let mut best_sum = 0usize;
    for (q, _) in qs.iter().take(sample) {
        let q = split(q);
        best_sum += words
            .iter()
            .map(|w| strsim::generic_levenshtein(w, &q))
            .min()
            .unwrap_or(0);
    }
    let scan = started.elapsed().as_secs_f64() * qs.len() as f64 / sample.max(1) as f64;
    std::hint::black_box(best_sum);
    println!(
        "memory {entries} entries, {queries} queries: fill {:.3} s, index {:.3} s, lookup {:.3} s (total {:.3} s); {exact} exact, {fuzzy} fuzzy (edited copies {}, new sentences {}); a pairwise scan: ~{scan:.0} s ({sample} queries timed)",
        filled.as_secs_f64(),
        indexed.as_secs_f64(),
        looked_up.as_secs_f64(),
        (filled + indexed + looked_up).as_secs_f64(),
        fuzzy_by_kind[1],
        fuzzy_by_kind[2],
    );
}
