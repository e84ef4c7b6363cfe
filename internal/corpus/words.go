package corpus

// Word and phrase lists the generator draws from. Order matters: tags are
// weighted by position, and every list is indexed by the seeded generator, so
// editing a list changes the corpus.

// tagVocab is ordered from most to least frequent; picks are Zipf-weighted by
// rank.
var tagVocab = []string{
	"politics", "technology", "world", "business", "india", "sports",
	"science", "राजनीति", "health", "economy", "opinion", "climate",
	"elections", "programming", "go", "javascript", "日本語", "astro",
	"travel", "culture", "education", "finance", "markets", "energy",
	"café", "security", "ai", "space", "film", "music",
	"books", "food", "weather", "cricket", "football", "Ελλάδα",
	"startups", "law", "history", "environment", "मौसम", "transport",
	"urban", "pakistan", "japan", "europe", "economía", "open-source",
	"web", "design", "privacy", "agriculture", "defence", "diplomacy",
	"rust", "css", "photography", "Москва", "sustainability", "release-notes",
}

var people = []string{
	"Pakistani Defence Minister", "Finance Minister", "Chief Justice",
	"Opposition Leader", "Prime Minister", "Central Bank Governor",
	"Health Secretary", "Mayor of Mumbai", "Foreign Minister",
	"Tech Giant's CEO", "Union Home Minister", "Election Commissioner",
	"Veteran Batsman", "Nobel Laureate", "Climate Envoy",
	"Chief Economist", "Transport Minister", "Senior Diplomat",
	"Startup Founder", "Head Coach", "Education Minister",
	"Trade Union Leader", "Space Agency Chief", "Governor",
}

var orgs = []string{
	"Supreme Court", "Reserve Bank", "Election Commission", "City Council",
	"WHO", "UN Security Council", "Parliamentary Panel", "Central Government",
	"Opposition Alliance", "Tech Industry Body", "Cricket Board",
	"Space Agency", "Weather Office", "Stock Exchange", "Open Source Foundation",
	"Farmers' Union", "Health Ministry", "Metro Rail Corporation",
	"University Grants Commission", "Energy Regulator",
}

var headVerbs = []string{
	"Comments on", "Backs", "Rejects", "Questions", "Defends", "Announces",
	"Unveils", "Delays", "Approves", "Criticises", "Reviews", "Signals Shift on",
	"Pushes for", "Warns Against", "Welcomes", "Scraps", "Extends", "Revisits",
}

var topics = []string{
	"Article 370 Restoration", "Fuel Price Hike", "Monsoon Forecast",
	"Digital Payments Rules", "Farm Subsidy Plan", "Data Protection Bill",
	"Interest Rate Cut", "Metro Expansion", "Heatwave Response",
	"Exam Paper Leak", "Coastal Road Project", "Water Sharing Pact",
	"Semiconductor Policy", "Border Trade", "Housing Scheme",
	"Renewable Energy Targets", "Tax Reform", "Cricket Broadcast Rights",
	"AI Regulation", "Flood Relief Package", "Rail Safety Audit",
	"Pension Overhaul", "Air Quality Plan", "Startup Visa",
	"Open Data Portal", "Static Site Generators", "Go 1.22 Release",
	"JavaScript Bundle Sizes", "RSS Feed Revival", "Browser Privacy Changes",
	"Minimum Wage Increase", "Satellite Launch", "Vaccine Drive",
	"Urban Flooding", "Grain Exports", "Tourism Revival",
}

var claims = []string{
	"On the Same Page with Congress Alliance", "No Going Back",
	"Talks Will Continue", "Decision Is Final", "Public Must Be Heard",
	"Numbers Don't Add Up", "Time for a Fresh Start", "Relief Is on the Way",
	"Court Will Decide", "Nothing to Hide", "Reform Cannot Wait",
	"Critics Are Misinformed",
}

var events = []string{
	"Protests", "Heavy Rain", "Market Slump", "Budget Session",
	"Cabinet Reshuffle", "Court Hearing", "Record Turnout", "Supply Shortage",
	"Cyber Attack", "Border Tensions", "Festival Rush", "Power Outages",
}

var groups = []string{
	"Voters", "Investors", "Farmers", "Students", "Developers", "Commuters",
	"Small Businesses", "Travellers", "Parents", "Patients", "Fans", "Tenants",
}

var adjectives = []string{
	"Unacceptable", "Long Overdue", "a Step Forward", "Premature",
	"Historic", "Deeply Flawed", "Necessary", "a Distraction",
}

var places = []string{
	"Islamabad", "New Delhi", "Mumbai", "Bengaluru", "Lahore", "Kolkata",
	"Chennai", "Dhaka", "Colombo", "Kathmandu", "Tokyo", "Athens",
	"São Paulo", "Zürich", "Kraków", "Montréal", "Reykjavík", "Düsseldorf",
	"London", "Nairobi", "Jakarta", "Singapore", "Dubai", "Berlin",
}

var subjects = []string{
	"Officials", "The ministry", "Local residents", "Analysts", "The committee",
	"Researchers", "Opposition leaders", "Industry groups", "The spokesperson",
	"Several economists", "Community organisers", "The regulator",
	"Party workers", "Independent observers", "The city administration",
	"Engineers on the project", "Civil society groups", "Senior officials",
}

var sayVerbs = []string{
	"said", "argued", "warned", "confirmed", "noted", "pointed out",
	"suggested", "maintained", "acknowledged", "insisted", "stressed",
}

var objects = []string{
	"the revised framework", "the new budget allocation", "the regional trade agreement",
	"the draft proposal", "the long-delayed project", "the pilot programme",
	"the emergency package", "the cross-border agreement", "the review panel's report",
	"the latest survey", "the infrastructure plan", "the public consultation",
	"the monitoring system", "the upcoming election", "the compensation package",
	"the rollout schedule", "the water supply network", "the court's earlier order",
}

var modalVerbs = []string{
	"would reshape", "could delay", "is expected to expand", "might complicate",
	"will strengthen", "had already changed", "may undermine", "should simplify",
	"is likely to affect", "will not replace", "could accelerate", "had stalled",
}

var timePhrases = []string{
	"later this year", "within the next quarter", "before the monsoon session",
	"by the end of the month", "over the coming weeks", "in the medium term",
	"ahead of the festive season", "after the hearing", "next financial year",
	"once the review is complete", "despite the recent setbacks", "for now",
}

var clauses = []string{
	"although details remain unclear", "according to people familiar with the matter",
	"a claim that drew sharp reactions", "while funding questions persist",
	"citing figures from the previous year", "in a statement on Tuesday",
	"as negotiations continue behind closed doors", "without offering a timeline",
	"in remarks to reporters", "after weeks of speculation",
}

var leadOpeners = []string{
	"In a move that surprised many observers,",
	"After months of deliberation,",
	"Amid growing public pressure,",
	"In a sharply worded statement,",
	"Breaking with recent precedent,",
	"With key deadlines approaching,",
}

var headings = []string{
	"Background", "What Happens Next", "Reactions from %s", "The Numbers Behind the Decision",
	"Key Takeaways", "Political Fallout", "Why It Matters", "A Closer Look at %s",
	"Timeline of Events", "Economic Impact", "Voices on the Ground", "Legal Questions",
	"Expert Opinion", "The Road Ahead", "Historical Context", "Regional Implications",
	"How We Got Here", "Frequently Asked Questions", "Behind the Scenes in %s", "Conclusion",
}

var listItems = []string{
	"A review of existing contracts within 90 days",
	"Monthly progress reports published online",
	"Dedicated helplines for affected residents",
	"Additional funding for district administrations",
	"An independent audit of the previous scheme",
	"Public hearings in every affected region",
	"Faster approvals for small businesses",
	"A cap on administrative fees",
	"New guidelines for data sharing between agencies",
	"Training for front-line staff",
	"Clearer timelines for compensation claims",
	"A grievance portal with tracking numbers",
	"Stricter penalties for missed deadlines",
	"Open access to the underlying datasets",
}

var techSentences = []string{
	"The team published the settings in `config.yaml` alongside the announcement.",
	"Running `npm run build` now produces a feed at `/rss.xml` by default.",
	"Developers can check the version with `go version` before upgrading.",
	"The portal exposes a JSON endpoint at `/api/v1/updates` for automated clients.",
	"Entries are sorted by the `pubDate` field, falling back to `date`.",
	"A single `--dry-run` flag prints the changes without applying them.",
	"The dataset ships as `records-2024.csv` with one row per district.",
	"Set `draft: true` in the front matter to keep a page out of the feed.",
}

var quotes = []string{
	"We are committed to transparency, and every rupee will be accounted for.",
	"This is not the end of the conversation; it is the beginning.",
	"People deserve answers, not press releases.",
	"The data tells a very different story from the one we heard today.",
	"We will keep pushing until the promises on paper become results on the ground.",
	"Nobody should have to choose between safety and a livelihood.",
}

var quoteBy = []string{
	"a senior official", "the party spokesperson", "a local shopkeeper",
	"an independent analyst", "the committee chair", "a resident of the area",
}

var linkTexts = []string{
	"the official report", "an earlier analysis", "the full statement",
	"last year's coverage", "the court filing", "the published dataset",
	"our explainer", "the background briefing",
}

var linkSections = []string{
	"reports", "news", "analysis", "data", "press", "docs", "blog",
}

var imageAlts = []string{
	"Crowds gathered outside the venue", "Chart of monthly figures",
	"Officials at the press conference", "Aerial view of the project site",
	"Map of affected districts", "Screenshot of the new portal",
}

var imageNames = []string{
	"press-conference", "skyline", "chart-2024", "monsoon-clouds", "stadium",
	"parliament", "market-scene", "metro-line", "newsroom", "flood-map",
}

var codeBlocks = []struct{ lang, code string }{
	{"go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tfmt.Println(\"update\", i)\n\t}\n}"},
	{"js", "export async function getFeed() {\n  const res = await fetch('/rss.xml');\n  if (!res.ok) throw new Error(res.statusText);\n  return res.text();\n}"},
	{"bash", "curl -s https://example.org/api/v1/updates \\\n  | jq '.items[] | {title, date}'"},
	{"yaml", "site:\n  title: Daily Briefing\n  feeds:\n    - rss\n    - atom\n  limit: 20"},
	{"json", "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": \"Daily Briefing\",\n  \"items\": []\n}"},
	{"", "district,cases,date\nNorth,120,2024-07-01\nSouth,98,2024-07-01"},
}

var timeZones = []struct {
	name   string
	offset int // seconds east of UTC
}{
	{"IST", 5*3600 + 1800}, {"PKT", 5 * 3600}, {"UTC", 0}, {"JST", 9 * 3600},
	{"CET", 1 * 3600}, {"EST", -5 * 3600}, {"PDT", -7 * 3600}, {"NPT", 5*3600 + 2700},
}
