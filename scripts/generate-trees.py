#!/usr/bin/env python3
"""Generate synthetic parallel zh/en trees for benchmarking resume-sync.

Deterministic from --seed: the same arguments always write the same bytes. Each file is a
<section> of --entries entries, nested --depth levels (entries hold items that hold notes),
with Chinese and English text of realistic lengths, entity references, comments, neutral
attributes (periods, links) and numbers.

Two phases, so that a baseline can be taken in between:
  generate-trees.py OUT --files 200 --entries 100          # trees in sync
  resume-sync accept --all --root OUT                       # the baseline
  generate-trees.py OUT --files 200 --entries 100 --drift 0.02   # drift applied in place

--drift R rewords R of the Chinese entries (stale), deletes R of the English ones (missing),
and changes a neutral attribute in R of the English ones (mismatch).
"""
import argparse
import os
import random

HAN = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")
WORDS = ("cloud native machine learning platform design implement maintain community project "
         "scheduler cluster training distributed system benchmark model serving feature support "
         "research paper talk conference open source kernel operator tuning hyperparameter "
         "container image registry workflow pipeline student mentor team lead product").split()
ENTITIES = ["product.name", "company", "reftitle.description"]


def chinese(rng, length):
    return "".join(rng.choice(HAN) for _ in range(length))


def english(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def entry_texts(rng):
    """One bullet's text in both languages, sharing numbers and an entity reference."""
    number = rng.randint(2, 999)
    zh = chinese(rng, rng.randint(60, 200))
    en = english(rng, rng.randint(30, 90))
    if rng.random() < 0.3:
        zh += f"，提升 {number}%"
        en += f", up {number}%"
    if rng.random() < 0.2:
        entity = rng.choice(ENTITIES)
        zh += f" &{entity};"
        en += f" &{entity};"
    return zh, en


def build_file(rng, index, entries, depth):
    """Returns (zh_lines, en_lines, ids) for one file."""
    zh = ['<?xml version="1.0" encoding="UTF-8"?>', f'<section id="s{index}">',
          f"  <title>{chinese(rng, 4)}</title>"]
    en = ['<?xml version="1.0" encoding="UTF-8"?>', f'<section id="s{index}">',
          f"  <title>{english(rng, 2)}</title>"]
    made = 0
    group = 0
    while made < entries:
        group += 1
        gid = f"f{index}-g{group}"
        year = 2000 + rng.randint(0, 25)
        month = rng.randint(1, 12)
        period = f'<period from="{year}-{month:02d}" to="present"/>'
        if rng.random() < 0.3:
            zh.append(f"  <!-- {chinese(rng, 8)} -->")
            en.append(f"  <!-- {english(rng, 4)} -->")
        zh += [f'  <entry id="{gid}">', f"    <org>{chinese(rng, 6)}</org>", f"    {period}"]
        en += [f'  <entry id="{gid}">', f"    <org>{english(rng, 3)}</org>", f"    {period}"]
        made += 1
        for item in range(rng.randint(2, 6)):
            if made >= entries:
                break
            iid = f"{gid}-i{item}"
            zt, et = entry_texts(rng)
            if depth > 2 and rng.random() < 0.3 and made + 1 < entries:
                nt_zh, nt_en = entry_texts(rng)
                zh.append(f'    <item id="{iid}" href="https://example.com/{iid}">{zt}<note id="{iid}-n">{nt_zh}</note></item>')
                en.append(f'    <item id="{iid}" href="https://example.com/{iid}">{et}<note id="{iid}-n">{nt_en}</note></item>')
                made += 2
            else:
                zh.append(f'    <item id="{iid}">{zt}</item>')
                en.append(f'    <item id="{iid}">{et}</item>')
                made += 1
        zh.append("  </entry>")
        en.append("  </entry>")
    zh.append("</section>")
    en.append("</section>")
    return zh, en


def drift(rng, zh, en, rate):
    """Rewords, deletes and changes about `rate` of the entries, in place."""
    for i, line in enumerate(zh):
        if "<item id=" in line and rng.random() < rate:
            zh[i] = line.replace("</item>", "改</item>", 1)
    kept = []
    for line in en:
        if "<item id=" in line and "<note" not in line and rng.random() < rate:
            continue
        if "<period " in line and rng.random() < rate:
            line = line.replace('to="present"', 'to="2024-01"')
        kept.append(line)
    return zh, kept


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--entries", type=int, default=100, help="entries per file")
    parser.add_argument("--depth", type=int, default=3, help="nesting levels (2: entries and items; 3: notes in items)")
    parser.add_argument("--drift", type=float, default=0.0, help="fraction of entries to drift (0 = in sync)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for side in ("zh", "en"):
        os.makedirs(os.path.join(args.out, side), exist_ok=True)
    total = 0
    for index in range(args.files):
        rng = random.Random(f"{args.seed}-{index}")
        zh, en = build_file(rng, index, args.entries, args.depth)
        if args.drift > 0:
            zh, en = drift(random.Random(f"{args.seed}-{index}-drift"), zh, en, args.drift)
        name = f"part{index // 100:03d}/file{index:05d}.xml"
        for side, lines in (("zh", zh), ("en", en)):
            path = os.path.join(args.out, side, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write("\n".join(lines) + "\n")
        total += sum(line.count(' id="') for line in zh)
    print(f"{args.files} files, about {total} entries per tree, in {args.out}")


if __name__ == "__main__":
    main()
