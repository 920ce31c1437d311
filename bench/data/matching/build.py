"""Write claimreviews.jsonl and posts.jsonl from factchecks.txt (see README.md).

    .venv/bin/python bench/data/matching/build.py

The authored fact-checks come first; synthetic filler claims follow, built from
templates over the same people, places and topics, so that the ranker has to pick
the right check out of ~10,000 candidates that share its vocabulary. The filler is
seeded: the same files every run.
"""

import gzip
import io
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOTAL = 10_000
PUBLISHERS = [
    ("Checkpoint Desk", "https://checkpoint.example"),
    ("Verify Weekly", "https://verifyweekly.example"),
    ("Harbour Fact Unit", "https://harbourfacts.example"),
    ("Open Claims Lab", "https://openclaims.example"),
]

PEOPLE = [
    "Joe Biden",
    "Donald Trump",
    "Barack Obama",
    "Hillary Clinton",
    "Kamala Harris",
    "Nancy Pelosi",
    "Bernie Sanders",
    "Ted Cruz",
    "Elon Musk",
    "Bill Gates",
    "Mark Zuckerberg",
    "Greta Thunberg",
    "Pope Francis",
    "King Charles",
    "Prince Harry",
    "Meghan Markle",
    "Taylor Swift",
    "Oprah Winfrey",
    "Tom Hanks",
    "Keanu Reeves",
    "Justin Trudeau",
    "Emmanuel Macron",
    "Boris Johnson",
    "Rishi Sunak",
    "Vladimir Putin",
    "Volodymyr Zelensky",
    "Xi Jinping",
    "Narendra Modi",
    "Jair Bolsonaro",
    "Angela Merkel",
    "LeBron James",
    "Cristiano Ronaldo",
    "Lionel Messi",
    "Serena Williams",
    "George Soros",
    "Anthony Fauci",
    "Ron DeSantis",
    "Gavin Newsom",
    "Alexandria Ocasio-Cortez",
    "Mike Pence",
]
QUOTES = [
    "the economy is the best it has ever been",
    "vaccines should be mandatory for everyone",
    "climate change is a hoax",
    "the election was rigged",
    "guns should be banned",
    "taxes will go up for every family",
    "the border is completely open",
    "police departments should be abolished",
    "coal is the energy of the future",
    "inflation is transitory",
    "immigrants are taking all the jobs",
    "masks do not work",
    "the war will be over in two weeks",
    "the minimum wage should be 25 dollars",
    "social media should be shut down",
    "the moon landing was staged",
    "children should not go to school",
    "cash will be abolished",
    "meat should be taxed",
    "the voting age should be lowered to 12",
]
FOODS = [
    "garlic",
    "lemon juice",
    "ginger tea",
    "turmeric",
    "apple cider vinegar",
    "baking soda",
    "coconut oil",
    "honey",
    "green tea",
    "onions",
    "cinnamon",
    "broccoli",
    "red wine",
    "dark chocolate",
    "bananas",
    "eggs",
    "coffee",
    "milk",
    "cucumbers",
    "beetroot juice",
    "olive oil",
    "raw potatoes",
    "carrots",
    "oregano oil",
    "colloidal silver",
    "salt water",
]
EFFECTS = [
    "cures",
    "prevents",
    "causes",
    "reverses",
    "kills the virus behind",
    "triples the risk of",
    "protects children from",
    "doubles your chance of surviving",
    "is linked to",
]
CONDITIONS = [
    "cancer",
    "diabetes",
    "the flu",
    "COVID-19",
    "heart disease",
    "Alzheimer's disease",
    "autism",
    "high blood pressure",
    "arthritis",
    "kidney stones",
    "asthma",
    "measles",
    "malaria",
    "obesity",
    "depression",
    "hair loss",
    "infertility",
    "strokes",
    "dementia",
    "the common cold",
]
COMPANIES = [
    "Walmart",
    "Costco",
    "Amazon",
    "Apple",
    "Google",
    "Facebook",
    "Tesla",
    "McDonald's",
    "Starbucks",
    "Coca-Cola",
    "Pfizer",
    "Moderna",
    "Nike",
    "Target",
    "Netflix",
    "Disney",
    "Microsoft",
    "WhatsApp",
    "TikTok",
    "Twitter",
    "KFC",
    "Burger King",
    "IKEA",
    "Toyota",
]
BUSINESS = [
    "is closing all of its stores",
    "is giving away free gift cards",
    "will start charging users a monthly fee",
    "was fined {n} million dollars",
    "is moving its headquarters to China",
    "fired {n} workers for refusing vaccines",
    "banned the American flag in its offices",
    "donated {n} million dollars to a campaign",
    "is recalling {n} thousand products",
    "uses insect protein in its food",
    "was bought by a Chinese company",
    "pays its CEO {n} million dollars a year",
]
COUNTRIES = [
    "France",
    "Germany",
    "Canada",
    "Australia",
    "Japan",
    "China",
    "Russia",
    "Ukraine",
    "India",
    "Brazil",
    "Mexico",
    "Sweden",
    "Norway",
    "Italy",
    "Spain",
    "Ireland",
    "the Netherlands",
    "New Zealand",
    "South Africa",
    "Nigeria",
    "Israel",
    "Iran",
    "the United Kingdom",
    "the United States",
    "Poland",
    "Argentina",
    "Turkey",
    "Egypt",
]
POLICIES = [
    "banned the sale of {item}",
    "made {item} compulsory",
    "is paying citizens to give up {item}",
    "abolished the tax on {item}",
    "will fine people for {item}",
    "legalised {item}",
    "raised the price of {item} by {n} percent",
    "is rationing {item}",
]
ITEMS = [
    "meat",
    "petrol cars",
    "cash",
    "wood stoves",
    "plastic bags",
    "sugar",
    "cigarettes",
    "gas boilers",
    "home schooling",
    "vaccines",
    "guns",
    "rainwater collection",
    "alcohol",
    "fireworks",
    "dogs",
    "crypto",
    "private jets",
    "bread",
    "electricity",
    "fertiliser",
]
THINGS = [
    "a shark",
    "a giant snake",
    "a crowd of thousands",
    "a UFO",
    "an alligator",
    "a tornado",
    "a burning church",
    "a flooded airport",
    "a lion",
    "soldiers",
    "a crashed plane",
    "a mountain of ballots",
    "a flying saucer",
    "a tsunami wave",
    "an empty supermarket",
    "a giant spider",
    "a bear",
    "a double rainbow",
    "a collapsed bridge",
    "fighter jets",
]
PLACES = [
    "Houston",
    "London",
    "Paris",
    "Sydney",
    "Kyiv",
    "Moscow",
    "New York",
    "Chicago",
    "Miami",
    "Tokyo",
    "Berlin",
    "Delhi",
    "Lagos",
    "Rome",
    "Toronto",
    "Los Angeles",
    "Mexico City",
    "Dublin",
    "Cape Town",
    "Beijing",
    "Seattle",
    "Atlanta",
    "Madrid",
]
YEARS = [str(y) for y in range(1950, 2025)]
WHEN = [
    "during the pandemic",
    "last week",
    "in {y}",
    "after the election",
    "this winter",
    "during the war",
    "before the vote",
    "on live television",
    "at a rally",
]
RATINGS = [
    "False",
    "Mostly false",
    "Misleading",
    "True",
    "Mixture",
    "Unproven",
    "Fake",
    "Missing context",
    "Altered photo",
    "Satire",
    "Mostly true",
    "Miscaptioned",
]


def read_authored(path: Path) -> list[dict]:
    """Parse the C:/H:/R:/P: blocks of factchecks.txt."""
    blocks, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition(": ")
        if key == "C":
            current = {"claim": value.strip(), "headline": "", "rating": "", "posts": []}
            blocks.append(current)
        elif key == "H":
            current["headline"] = value.strip()
        elif key == "R":
            current["rating"] = value.strip()
        elif key == "P":
            current["posts"].append(value.strip())
        else:
            raise ValueError(f"unknown line: {line!r}")
    return blocks


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        n=rng.choice([2, 3, 5, 10, 12, 15, 20, 40, 50, 100, 300]),
        y=rng.choice(YEARS),
        item=rng.choice(ITEMS),
    )


def synthetic(rng: random.Random) -> tuple[str, str]:
    """One filler claim and headline from a random template."""
    kind = rng.randrange(6)
    when = _fill(rng.choice(WHEN), rng)
    if kind == 0:
        person, quote = rng.choice(PEOPLE), rng.choice(QUOTES)
        return (f"{person} said that {quote} {when}.", f"No record that {person} said {quote}")
    if kind == 1:
        food, effect, cond = rng.choice(FOODS), rng.choice(EFFECTS), rng.choice(CONDITIONS)
        return (
            f"Eating {food} every day {effect} {cond}.",
            f"No evidence that {food} {effect} {cond}",
        )
    if kind == 2:
        company, action = rng.choice(COMPANIES), _fill(rng.choice(BUSINESS), rng)
        return (
            f"{company} {action} {when}.",
            f"{company} claim about {action.split()[0]} "
            f"{' '.join(action.split()[1:3])} is not supported",
        )
    if kind == 3:
        country, policy = rng.choice(COUNTRIES), _fill(rng.choice(POLICIES), rng)
        return (f"{country} {policy} {when}.", f"{country} and {policy.split()[-1]}: what changed")
    if kind == 4:
        thing, place = rng.choice(THINGS), rng.choice(PLACES)
        return (
            f"A photo shows {thing} in {place} {when}.",
            f"Photo of {thing} in {place} is not what it seems",
        )
    person, other = rng.sample(PEOPLE, 2)
    return (f"{person} was seen with {other} {when}.", f"Image of {person} with {other} was edited")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def main() -> None:
    rng = random.Random(20261208)
    authored = read_authored(HERE / "factchecks.txt")
    records, posts, seen = [], [], set()
    for index, block in enumerate(authored):
        name, site = PUBLISHERS[index % len(PUBLISHERS)]
        url = f"{site}/checks/{index:04d}-{slug(block['claim'])}"
        records.append(_record(url, block["claim"], block["headline"], block["rating"], name, site))
        seen.add(block["claim"])
        for text in block["posts"]:
            split = "tune" if len(posts) % 2 == 0 else "heldout"
            posts.append({"id": len(posts), "text": text, "url": url, "split": split})
    for line in (HERE / "paraphrases.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        number, _, text = line.partition(" | ")
        split = "tune" if len(posts) % 2 == 0 else "heldout"
        posts.append(
            {
                "id": len(posts),
                "text": text.strip(),
                "url": records[int(number) - 1]["url"],
                "split": split,
            }
        )
    while len(records) < TOTAL:
        claim, headline = synthetic(rng)
        if claim in seen:
            continue
        seen.add(claim)
        name, site = rng.choice(PUBLISHERS)
        url = f"{site}/filler/{len(records):05d}-{slug(claim)}"
        records.append(_record(url, claim, headline, rng.choice(RATINGS), name, site))
    # gzip: import_claimreviews reads .gz, and the file stays small in the repository.
    with (
        gzip.GzipFile(HERE / "claimreviews.jsonl.gz", "wb", 9, mtime=0) as raw,
        io.TextIOWrapper(raw, encoding="utf-8") as out,
    ):
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with open(HERE / "posts.jsonl", "w", encoding="utf-8") as out:
        for post in posts:
            out.write(json.dumps(post, ensure_ascii=False) + "\n")
    tune = sum(p["split"] == "tune" for p in posts)
    print(
        f"{len(records)} claim reviews ({len(authored)} authored), "
        f"{len(posts)} posts ({tune} tune, {len(posts) - tune} held-out)"
    )


def _record(url: str, claim: str, headline: str, rating: str, publisher: str, site: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim,
        "name": headline,
        "author": {"@type": "Organization", "name": publisher, "url": site},
        "reviewRating": {"@type": "Rating", "alternateName": rating},
        "inLanguage": "en",
    }


if __name__ == "__main__":
    main()
