"""English words a customer may use that are not rare: every word of Latin letters only that wordfreq 3.1.1
(Robyn Speer et al.; its word lists are CC BY-SA 4.0, and so is this list derived from them) gives a Zipf
frequency of 3.0 or more in English, that is at least once per million words of general text (28,000 words).
Made with

    [w for w in wordfreq.top_n_list("en", 100000) if w is all Latin letters and wordfreq.zipf_frequency(w, "en") >= 3]

A word frequency list is independent of any tokenizer or embedding model: the abstention decision reads it to
tell a rare word no document uses ("Fairtrade", "loaner", "Wertgarantie") from an everyday one ("exactly",
"weeks"); see pipelines/abstention.py.
"""

from __future__ import annotations

from functools import cache

_TEXT = """
a aa aaa aac aap aaron ab aba abandon abandoned abandoning abandonment abba abbas abbey abbot abbott abbreviated
abbreviation abbreviations abby abc abd abdel abdomen abdominal abducted abduction abdul abdullah abe abel aberdeen
abi abide abiding abigail abilities ability abject able abnormal abnormalities abnormally aboard abode abolish
abolished abolishing abolition abomination aboriginal abort aborted abortion abortions abound about above abraham
abrams abrasive abridged abroad abrupt abruptly abs absence absences absent absentee absolute absolutely absorb
absorbed absorbing absorbs absorption abstain abstinence abstract abstraction abstracts absurd absurdity abt abu abuja
abundance abundant abundantly abuse abused abuser abusers abuses abusing abusive abyss ac aca acacia academia academic
academically academics academies academy acc accelerate accelerated accelerating acceleration accelerator accent
accents accept acceptable acceptance accepted accepting accepts access accessed accessibility accessible accessing
accession accessories accessory accident accidental accidentally accidents acclaim acclaimed accolades accommodate
accommodated accommodating accommodation accommodations accompanied accompanies accompaniment accompany accompanying
accomplice accomplices accomplish accomplished accomplishing accomplishment accomplishments accord accordance accorded
according accordingly accordion accords account accountability accountable accountancy accountant accountants
accounted accounting accounts accra accreditation accredited accrued accumulate accumulated accumulating accumulation
accuracy accurate accurately accusation accusations accuse accused accuses accusing accustomed ace acer aces acetate
ache aches achievable achieve achieved achievement achievements achieves achieving achilles aching acid acidic acidity
acids acknowledge acknowledged acknowledgement acknowledges acknowledging acknowledgment acl aclu acm acne acorn
acosta acoustic acoustics acquaintance acquaintances acquainted acquire acquired acquires acquiring acquisition
acquisitions acquittal acquitted acre acreage acres acronym across acrylic acs act acted actin acting action
actionable actions activate activated activates activating activation active actively activism activist activists
activities activity actor actors actress actresses acts actual actuality actually acupuncture acute acutely ad ada
adam adamant adams adapt adaptable adaptation adaptations adapted adapter adapting adaptive adc add added addict
addicted addiction addictions addictive addicts adding addis addison addition additional additionally additions
additive additives address addressed addresses addressing adds adelaide adele aden adept adequate adequately adhd
adhere adhered adherence adherents adhering adhesion adhesive adi adidas adjacent adjective adjectives adjoining
adjourned adjunct adjust adjustable adjusted adjusting adjustment adjustments adjusts adjutant adler adm admin
administer administered administering administers administration administrations administrative administrator
administrators admins admirable admiral admiralty admiration admire admired admirer admirers admiring admission
admissions admit admits admitted admittedly admitting adnan ado adobe adolescence adolescent adolescents adolf adopt
adopted adopting adoption adoptive adopts adorable adoration adore adored adorn adorned adp adrenaline adrian adriana
adrift ads adult adultery adulthood adults adv advance advanced advancement advancements advances advancing advantage
advantageous advantages advent adventure adventurer adventurers adventures adventurous adversaries adversary adverse
adversely adversity advert advertise advertised advertisement advertisements advertiser advertisers advertising
adverts advice advisable advise advised adviser advisers advises advising advisor advisors advisory advocacy advocate
advocated advocates advocating ae aegis aerial aero aerobic aerodynamic aeronautical aeronautics aeroplane aerosol
aerospace aes aesthetic aesthetically aesthetics af afar afb afc affair affairs affect affected affecting affection
affectionate affectionately affections affective affects affidavit affiliate affiliated affiliates affiliation
affiliations affinity affirm affirmation affirmative affirmed affirming affleck afflicted affliction affluent afford
affordability affordable afforded affords afghan afghanistan afield afl afloat aforementioned afp afraid africa
african africans afro aft after afterlife aftermarket aftermath afternoon afternoons afterward afterwards ag aga again
against agar agatha age aged ageing agencies agency agenda agendas agent agents ages aggravated aggravating aggregate
aggregated aggregates aggregation aggression aggressive aggressively aggressor agile agility aging agitated agitation
agm agnes agnostic ago agony agrarian agree agreeable agreed agreeing agreement agreements agrees agricultural
agriculture aguero ah aha ahead ahem ahh ahhh ahl ahmad ahmed ahmedabad ahn ai aid aidan aide aided aiden aides aiding
aids aiken ailing ailments aim aimed aiming aims ain aint air airbnb airborne airbus aircraft aired aires airfield
airflow airing airline airliner airlines airmen airplane airplanes airport airports airs airspace airstrikes airway
airways airy ais aisha aisle aisles aj ajax ajay ak aka akbar akin akira akron al ala alabama aladdin alain alam
alameda alamo alan alarm alarmed alarming alarms alas alaska alaskan alastair alba albania albanian albany albeit
albert alberta alberto albino albion album albums albuquerque alchemist alchemy alcohol alcoholic alcoholics
alcoholism alden alderman aldo aldrich aldridge ale alec alejandro aleppo alert alerted alerts alessandro alex alexa
alexander alexandra alexandre alexandria alexei alexis alf alfa alfie alfonso alfred alfredo algae algebra algebraic
algeria algerian algiers algorithm algorithms ali alia alias alibi alice alicia alien alienate alienated alienating
alienation aliens alight align aligned aligning alignment alike alimony alison alistair alive alkaline all allah allan
allegation allegations allege alleged allegedly alleges allegheny allegiance alleging allegory allen allergic
allergies allergy alleviate alley alleys alliance alliances allie allied allies alligator allison allocate allocated
allocation allocations allotment allotted allow allowance allowances allowed allowing allows alloy alloys alluded
allure alluring ally alma almanac almighty almond almonds almost aloe aloft aloha alone along alongside alonso alot
aloud alp alpha alphabet alphabetical alphabetically alpine alps already alright als also alt alta altar alter
alteration alterations altercation altered altering alternate alternately alternating alternative alternatively
alternatives alters although altitude altitudes alto altogether alton alum aluminium aluminum alumni alvarez alves
alvin always alyssa am ama amalgamation amanda amassed amateur amateurs amaze amazed amazement amazes amazing
amazingly amazon ambassador ambassadors amber ambient ambiguity ambiguous ambition ambitions ambitious ambivalent
ambrose ambulance ambulances ambush ambushed amc amd amelia amen amend amended amending amendment amendments amends
amenities amer america american americana americans americas ames amethyst amg amherst ami amid amidst amin amino amir
amish amit amman ammo ammonia ammonium ammunition amnesia amnesty among amongst amor amos amount amounted amounting
amounts amour amp amphibious ample amplification amplified amplifier amplifiers amplify amplitude amps amputation ams
amsterdam amtrak amuse amused amusement amusing amy an ana anaheim anakin anal analog analogous analogue analogy
analyse analysed analyses analysing analysis analyst analysts analytic analytical analytics analyze analyzed analyzer
analyzes analyzing anand anarchism anarchist anarchists anarchy anastasia anatomical anatomy anc ancestor ancestors
ancestral ancestry anchor anchorage anchored anchors ancient ancients ancillary and anders andersen anderson andes
andhra andi andre andrea andreas andrei andres andrew andrews android andromeda andré andy anecdotal anecdote
anecdotes anemia anesthesia anesthetic aneurysm anew anfield ang angel angela angeles angelic angelica angelina angelo
angels anger angered angie angle angled angles anglia anglican angling anglo angola angrily angry angst anguish
angular angus ani anil animal animals animate animated animation animations anime animosity anita ankara ankle ankles
ann anna annals annapolis anne annette annex annexation annexed annie annihilation anniversary annotated announce
announced announcement announcements announcer announcers announces announcing annoy annoyance annoyed annoying annoys
annual annually annuities annuity annum anointed anomalies anomaly anon anonymity anonymous anonymously anorexia
another ans answer answered answering answers ant antagonist antagonistic antagonists antarctic antarctica ante
antelope antenna antennae antennas anterior anthem anthology anthony anthrax anthropological anthropologist
anthropologists anthropology anti antibiotic antibiotics antibodies antibody antichrist anticipate anticipated
anticipating anticipation antics antidepressants antidote antifa antigen antigua antimicrobial antioch antiquated
antique antiques antiquities antiquity antisemitism antisocial antitrust antoine anton antonio antony antrim ants
antwerp anus anvil anwar anxieties anxiety anxious anxiously any anya anybody anyhow anymore anyone anything anytime
anyway anyways anywhere anzac ao aoc aol aortic ap apa apache apart apartheid apartment apartments apathy apc ape
aperture apes apex api apiece apis apnea apocalypse apocalyptic apollo apologies apologise apologised apologize
apologized apologizes apologizing apology apostle apostles apostolic app appalachian appalled appalling apparatus
apparel apparent apparently appeal appealed appealing appeals appear appearance appearances appeared appearing appears
appease appellate appendix appetite applaud applauded applause apple apples appleton appliance appliances applicable
applicant applicants application applications applied applies apply applying appoint appointed appointees appointing
appointment appointments appoints appraisal appreciate appreciated appreciates appreciating appreciation appreciative
apprehend apprehended apprehension apprehensive apprentice apprentices apprenticeship approach approached approaches
approaching appropriate appropriated appropriately appropriation appropriations approval approvals approve approved
approves approving approx approximate approximately approximation apps apr april apron aps apt aptitude aptly aqua
aquaculture aquarium aquarius aquatic aqueous aquinas aquino ar ara arab arabia arabian arabic arabs arbitrarily
arbitrary arbitration arbor arc arcade arcadia arch archaeological archaeologist archaeologists archaeology archaic
archbishop archdiocese arched archer archers archery arches archibald archie archipelago architect architects
architectural architecture architectures archival archive archived archives arcs arctic ard arden ardent arduous are
area areas arena arenas arent ares argentina argentine argentinian argos arguably argue argued argues arguing argument
arguments argus ari aria ariana arias arid ariel aries arise arisen arises arising aristocracy aristocratic aristotle
arithmetic ariz arizona arjun ark arkansas arkham arlington arm armada armageddon armament armani armchair armed
armenia armenian armenians armies arming armistice armor armored armory armour armoured armpit arms armstrong army
arnold aroma aromatic aron arose around arousal aroused arr arrange arranged arrangement arrangements arranging array
arrays arrears arrest arrested arresting arrests arrival arrivals arrive arrived arrives arriving arrogance arrogant
arrow arrows ars arse arsenal arsene arsenic arson art artefacts artemis arterial arteries artery arthritis arthur
article articles articulate articulated articulation artie artifact artifacts artificial artificially artillery
artisan artisans artist artistic artistry artists arts arturo artwork artworks arya aryan as asa asap asbestos ascend
ascended ascending ascension ascent ascertain ascot ascribed asd asean ash ashamed ashe asher ashes asheville ashland
ashley ashore ashton asia asian asians asiatic aside ask asked asking asks asl asleep asp asparagus aspect aspects
aspen asphalt aspiration aspirations aspire aspirin aspiring ass assad assailant assam assange assassin assassinate
assassinated assassination assassins assault assaulted assaulting assaults assay assemble assembled assemblies
assembling assembly assent assert asserted asserting assertion assertions assertive asserts asses assess assessed
assessing assessment assessments asset assets asshole assholes assign assigned assigning assignment assignments
assigns assimilate assimilated assimilation assist assistance assistant assistants assisted assisting assists assn
associate associated associates associating association associations assorted assortment assume assumed assumes
assuming assumption assumptions assurance assurances assure assured assures assuring ast asterisk asteroid asteroids
asthma aston astonished astonishing astoria astounding astra astral astray astro astrology astronaut astronauts
astronomer astronomers astronomical astronomy astros astute asu asus aswell asylum asymmetric asymmetrical at ata atc
ate atf atheism atheist atheists athena athenian athens athlete athletes athletic athletics atk atkins atkinson atl
atlanta atlantic atlantis atlas atleast atletico atm atmosphere atmospheric atom atomic atoms atonement atop atp
atrium atrocious atrocities atrocity ats att attach attached attaches attaching attachment attachments attack attacked
attacker attackers attacking attacks attain attainable attained attaining attainment attempt attempted attempting
attempts attend attendance attendant attendants attended attendees attending attends attention attentive attest
attested attic attire attitude attitudes attorney attorneys attract attracted attracting attraction attractions
attractive attractiveness attracts attributable attribute attributed attributes attribution attrition atv atwood
atypical au aubrey auburn auckland auction auctioned auctioneer auctions aud audacity audi audible audience audiences
audio audiobook audit audited auditing audition auditions auditor auditorium auditors auditory audits audrey auf aug
augment augmentation augmented august augusta augustine augustus aunt auntie aunts aunty aura aurora aus auschwitz
auspices auspicious aussie aussies austen austere austerity austin australia australian australians austria austrian
authentic authentication authenticity author authored authorisation authorised authoritarian authoritarianism
authoritative authorities authority authorization authorize authorized authorizing authors authorship autism autistic
auto autobiographical autobiography autograph autographs autoimmune automate automated automatic automatically
automation automobile automobiles automotive autonomous autonomy autopilot autopsy autos autumn aux auxiliary av ava
avail availability available avalanche avalon avant avatar ave avec avenge avenger avengers avenue avenues average
averaged averages averaging averse aversion avert averted avery avg avi avian aviation avid aviv avocado avoid
avoidance avoided avoiding avoids avon aw await awaited awaiting awaits awake awaken awakened awakening awakens award
awarded awarding awards aware awareness away awe awesome awful awfully awhile awkward awkwardly awkwardness awoke aws
aww awww ax axe axel axes axial axiom axis axle ay aye ayrshire az azalea azerbaijan aziz aztec azure b ba bab baba
babcock babe babes babies baby babylon babylonian babysit babysitter babysitting bac bach bachelor bachelorette
bachelors back backbone backdoor backdrop backed backer backers backfire backfired background backgrounds backing
backlash backlog backpack backpacking backpacks backs backseat backside backstage backstory backup backups backward
backwards backyard bacon bacteria bacterial bacterium bad badass baden badge badger badgers badges badly badminton bae
baffled baffling bafta bag bagel bagels baggage bagged bagging baggy baghdad bags bah bahamas bahrain bai bail bailed
bailey bailiff bailout bain baines baird bait baiting baja bake baked baker bakers bakersfield bakery baking bal
balance balanced balances balancing balconies balcony bald baldwin bale balfour bali balkan balkans ball ballad
ballads ballard ballast ballerina ballet ballistic balloon balloons ballot ballots ballpark ballroom balls balm
balochistan baltic baltimore bam bama bamboo ban banana bananas banco band banda bandage bandages banded bandit
bandits bands bandwagon bandwidth bane bang bangalore banged banger banging bangkok bangladesh bangladeshi bangor
bangs banish banished banjo bank banked banker bankers banking bankrupt bankruptcy banks banned banner banners banning
bannon banquet bans banter bantu bao baptism baptist baptized bar barack barb barbados barbara barbarian barbarians
barbaric barbecue barbed barber barbie barbour barca barcelona barclay barclays bard bare barefoot barely bargain
bargaining bargains barge barges barista bark barker barking barkley barks barley barlow barn barnard barnes barnett
barney barns barnsley barometer baron baroness barons baroque barr barracks barrage barre barred barrel barrels barren
barrett barricade barricades barrie barrier barriers barring barrister barron barrow barry bars bart bartender barter
bartholomew bartlett barton bas basal basalt base baseball based basel baseless baseline baseman basement bases bash
bashed bashing bashir basic basically basics basil basilica basin basing basins basis basket basketball baskets basque
bass bassett bassist bastard bastards bastille bastion bat batch batches bateman bates bath bathe bathed bathing
bathroom bathrooms baths bathtub bathurst batman baton bats batsman battalion battalions batted batter battered
batteries batters battery batting battle battled battlefield battleground battles battleship battling bauer bavaria
bavarian baxter bay bayer bayern baylor bayonet bayou bays bazaar bb bbc bbl bbq bbw bc bce bcs bd bds bdsm be bea
beach beaches beacon beacons bead beaded beads beagle beak beale beam beamed beaming beams bean beans bear beard
bearded beards bearer bearers bearing bearings bears beasley beast beasts beat beaten beater beating beatings beatles
beatrice beats beatty beau beaufort beaumont beauties beautiful beautifully beauty beaver beavers became because becca
beck becker beckett beckham becky become becomes becoming bed bedding bedford bedrock bedroom bedrooms beds bedside
bedtime bee beech beef been beep beer beers bees beet beethoven beetle beetles beets before beforehand beg began
beggar beggars begged begging begin beginner beginners beginning beginnings begins begs begun behalf behave behaved
behaves behaving behavior behavioral behaviors behaviour behavioural behaviours beheaded behind behold bei beige
beijing bein being beings beirut bel belarus belated belfast belgian belgium belgrade belief beliefs believable
believe believed believer believers believes believing belinda belize bell bella bellamy belle bellevue belligerent
bello bellows bells belly belmont belong belonged belonging belongings belongs beloved below belt belts ben bench
benches benchmark benchmarks bend bender bending bends beneath benedict benefactor beneficial beneficiaries
beneficiary benefit benefited benefiting benefits benevolent bengal bengali bengals benghazi benign benin benjamin
benji benn bennet bennett benny benson bent bentley benton benz bequeathed berg bergen berger bergman berkeley
berkshire berlin berman bermuda bern bernadette bernard bernardino bernardo bernie bernstein berries berry berserk
bert berth bertha bertie bertrand berwick beset beside besides besieged bespoke bess bessie best bestowed bestseller
bestselling bet beta beth bethany bethel bethesda bethlehem betray betrayal betrayed betraying betrays bets betsy
bette better betterment betting betts betty between beverage beverages beverly beware bewildered bey beyonce beyoncé
beyond bf bg bh bhai bharat bhutan bi bianca bias biased biases bible bibles biblical bibliography biceps bickering
bicycle bicycles bid bidder bidders bidding biden bids bieber bien biennial big bigfoot bigger biggest biggie biggs
bigot bigoted bigotry bigots bihar bike biker bikers bikes biking bikini bilateral bile bilingual bill billboard
billboards billed billie billing billings billion billionaire billionaires billions bills billy bin binary bind binder
binding binds bing binge bingham bingo binoculars bins bio biochemical biochemistry biodiversity biographer
biographical biographies biography biological biologically biologist biologists biology biomass biomedical biopic
biopsy bios biotech biotechnology bipartisan bipolar birch bird birdie birds birmingham birth birthday birthdays
birthplace birthright births bis biscuit biscuits bisexual bishop bishops bismarck bison bistro bit bitch bitches
bitching bitchy bitcoin bitcoins bite bites biting bits bitten bitter bitterly bitterness bittersweet biz bizarre bj
bjp bk bl bla black blackberry blackboard blackburn blacked blackhawks blackjack blacklist blackmail blackness
blackout blackpool blacks blacksmith blackstone blackwater blackwell bladder blade blades blah blaine blair blake
blame blamed blames blaming blanc blanchard blanche blanco bland blank blanket blankets blanks blasphemy blast blasted
blaster blasting blasts blatant blatantly blaze blazer blazers blazing bleach bleached bleaching bleak bled bleed
bleeding bleeds bleep blend blended blender blending blends bless blessed blessing blessings blew blight blind blinded
blindfolded blinding blindly blindness blinds bling blink blinked blinking bliss blissful blister blisters blitz
blizzard blm bloated blob bloc block blockade blockage blockbuster blockchain blocked blocker blockers blocking blocks
blog blogger bloggers blogging blogs bloke blokes blond blonde blondes blondie blood bloodbath blooded bloods
bloodshed bloodstream bloody bloom bloomberg bloomfield blooming bloomington blooms blossom blossoms blot blouse blow
blower blowing blowjob blown blowout blows blu blue blueberries blueberry bluegrass blueprint blueprints blues
bluetooth bluff bluffs blunder blunt bluntly blur blurred blurry blush blushing blvd bm bmc bmi bmw bn bnp bo boa boar
board boarded boarding boards boardwalk boast boasted boasting boasts boat boating boats bob bobby bobo boca bod bode
bodied bodies bodily body bodybuilding bodyguard bodyguards boeing boer bog boggling bogus bohemia bohemian boi boil
boiled boiler boilers boiling boils bois boise boko bold boldly bolivia bolivian bollocks bollywood bologna bolster
bolt bolted bolton bolts bom bomb bombarded bombardment bombay bombed bomber bombers bombing bombings bombs bombshell
bon bona bonanza bonaparte bond bondage bonded bonding bonds bone boner bones bonfire bong bonkers bonn bonnet bonnie
bono bonus bonuses bony boo boob boobs booed boogie booing book booked booker booking bookings booklet bookmark books
bookshop bookstore bookstores boom boomer boomerang boomers booming booms boon boone boos boost boosted booster
boosters boosting boosts boot booted booth booths bootleg boots booty booze bop bor bora bordeaux border bordered
bordering borderline borders bore bored boredom borg boring boris born borne borneo borough boroughs borrow borrowed
borrower borrowers borrowing borussia bos bosch bose bosnia bosnian bosom boss bosses boston bot botanic botanical
botany botched both bother bothered bothering bothers botox bots botswana bottle bottled bottles bottling bottom
bottoms bought boulder boulders boulevard bounce bounced bouncer bounces bouncing bouncy bound boundaries boundary
bounded boundless bounds bounty bouquet bourbon bourgeois bourgeoisie bourne bournemouth bout boutique bouts bovine
bow bowed bowel bowels bowen bower bowers bowie bowing bowl bowled bowler bowlers bowles bowling bowls bowman bows
bowser box boxed boxer boxers boxes boxing boy boyce boycott boycotting boyd boyfriend boyfriends boyhood boyle boys
boyz bp bpd br bra brace braced bracelet bracelets braces bracing bracket brackets brad bradford bradley bradshaw
brady brag bragg bragging brah braid braided braids braille brain brainer brains brainwashed brake brakes braking bran
branch branched branches branching brand branded branding brandon brands brandt brandy branson bras brasil brass brat
braun brave bravely bravery braves bravest bravo brawl bray brazen brazil brazilian brazilians brb breach breached
breaches bread breadth break breakaway breakdown breakdowns breaker breakers breakfast breaking breakout breaks
breakthrough breakthroughs breakup breast breasted breastfeeding breasts breath breathe breathed breather breathes
breathing breathless breaths breathtaking bred bree breed breeder breeders breeding breeds breeze breezy breitbart
brenda brendan brendon brennan brent brentwood bret brethren breton brett brew brewed brewer breweries brewers brewery
brewing brewster brexit brian bribe bribed bribery bribes brick bricks bridal bride brides bridesmaid bridesmaids
bridge bridgeport bridges bridget bridgewater bridging brie brief briefcase briefed briefing briefings briefly briefs
brig brigade brigades brigadier briggs brigham bright brighten brighter brightest brightly brightness brighton brill
brilliance brilliant brilliantly brim brine bring bringing brings brink brisbane brisk bristol brit britain britannia
british britney britons brits britt brittany brittle bro broad broadband broadcast broadcaster broadcasters
broadcasting broadcasts broaden broadened broadening broader broadly broadway broccoli brochure brochures brock brodie
brody broke broken broker brokerage brokers bromwich broncos bronson bronx bronze brooch brood brooding brook brooke
brookings brooklyn brooks broom bros broth brothel brothels brother brotherhood brothers brought brow brown browne
brownie brownies browning brownish browns brows browse browser browsers browsing bruce bruh bruins bruise bruised
bruises bruising brunch brunei brunette bruno brunswick brunt brush brushed brushes brushing brussels brutal brutality
brutally brute brutus bryan bryant bryce bryson bs bsc bst bt btc bts btw bu bubba bubble bubbles bubbling bubbly
buchanan bucharest buck bucket buckets buckeyes buckingham buckinghamshire buckle buckley bucks bucky bud budapest
buddha buddhism buddhist buddhists buddies budding buddy budge budget budgetary budgeted budgeting budgets buds buenos
buff buffalo buffer buffers buffet buffett buffs buffy bug bugged bugger bugging buggy bugs buick build builder
builders building buildings builds buildup built bulb bulbs bulgaria bulgarian bulge bulging bulk bulky bull bulldog
bulldogs bullet bulletin bulletins bulletproof bullets bullied bullies bullion bullish bullock bullpen bulls bullshit
bully bullying bum bummed bummer bump bumped bumper bumping bumps bumpy bums bun bunch bundesliga bundle bundled
bundles bundy bungalow bunk bunker bunkers bunnies bunny buns bunting buoy burbank burberry burden burdened burdens
bureau bureaucracy bureaucratic bureaucrats burgeoning burger burgers burgess burglar burglary burgundy burial burials
buried burke burkina burlesque burlington burma burmese burn burned burner burners burnett burnham burning burnley
burnout burns burnt burr burrell burrito burroughs burrow burrows burst bursting bursts burt burton bury burying bus
busan busch buses bush bushes busiest business businesses businessman businessmen bust busted buster busting bustling
busts busty busy but butch butcher butchered butchers butler butt butte butter butterflies butterfly buttocks button
buttons butts buy buyer buyers buying buyout buys buzz buzzed buzzer buzzfeed buzzing bv bw by bye bylaws bypass
bypassing byproduct byrd byrne byron bystander bystanders byte bytes byu byzantine c ca cab cabal cabaret cabbage
cabin cabinet cabinets cabins cable cables cabot cabrera cabs cache cactus cad cadence cadet cadets cadillac cadre
caesar cafe cafes cafeteria caffeine café cage caged cages cahill cain caine cairns cairo caitlin cake cakes cal
calais calamity calcium calculate calculated calculates calculating calculation calculations calculator calculus
calcutta calder caldwell caleb calendar calendars calf calgary calhoun cali caliber calibrated calibration calibre
calif california californian caliphate call callahan called caller callers calligraphy calling callous calls callum
calm calmed calmer calming calmly calorie calories calvert calves calvin cam camaro cambodia cambodian cambridge
cambridgeshire camden came camel camels cameo camera cameraman cameras cameron cameroon camilla camille camo
camouflage camp campaign campaigned campaigner campaigning campaigns campbell camped camper campers campfire
campground camping camps campsite campus campuses cams can canaan canada canadian canadians canadiens canal canals
canary canberra cancel canceled canceling cancellation cancellations cancelled cancelling cancels cancer cancerous
cancers candace candice candid candidacy candidate candidates candies candle candlelight candles candy cane canes
canine canister cannabis canned cannes cannibal cannibalism canning cannon cannons cannot canoe canoes canon canonical
canons canopy cans cant canteen canterbury canton cantonese cantor canucks canvas canyon canyons cao cap capabilities
capability capable capacities capacitor capacitors capacity capcom cape capes capita capital capitalism capitalist
capitalists capitalization capitalize capitalized capitals capitol capped capping capri capricorn caps capsule
capsules capt captain captains caption captions captivated captivating captive captives captivity capture captured
captures capturing car cara caracas caramel carat caravan carb carbohydrate carbohydrates carbon carbonate carbs
carcass carcinoma card cardboard cardiac cardiff cardigan cardinal cardinals cardio cardiology cardiovascular cards
care cared career careers carefree careful carefully caregiver caregivers careless carers cares caretaker carey cargo
caribbean caricature caring carl carla carleton carlin carlisle carlo carlos carlson carlton carly carlyle carmel
carmen carmichael carnage carnegie carney carnival carol carole carolina caroline carolyn carousel carp carpenter
carpenters carpet carpets carr carriage carriages carrick carrie carried carrier carriers carries carrington carroll
carrot carrots carry carrying cars carson cart carte cartel cartels carter carthage cartier cartilage carton cartoon
cartoonist cartoons cartridge cartridges carts cartwright carve carved carver carving carvings cary cas casa
casablanca cascade case cases casey cash cashed cashier cashing cashmere casing casino casinos casket casper caspian
cass cassandra casserole cassette cassidy cassie cast caste caster castes castillo casting castle castles castor
castro casts casual casually casualties casualty cat catalan catalina catalog catalogs catalogue catalogues catalonia
catalyst catalysts catalytic catapult catastrophe catastrophic catch catcher catches catching catchment catchy cate
categorically categories categorized category cater catered catering caterpillar caters catfish cathedral catherine
catheter cathode catholic catholicism catholics cathy cato cats cattle caucasian caucasus caucus caught cauldron
cauliflower causal causation cause caused causes causeway causing caution cautioned cautious cautiously cavalier
cavaliers cavalry cave caveat cavendish cavern caves caviar cavities cavity cavs cayman cb cba cbc cbd cbi cbn cbs cbt
cc ccc ccp ccs cctv cd cdc cdr cds ce cease ceased ceasefire ceases cebu cecil cecilia cedar ceded cedric ceiling
ceilings celeb celebrate celebrated celebrates celebrating celebration celebrations celebratory celebrities celebrity
celebs celery celeste celestial celia celine cell cellar cellars cello cellphone cells cellular cellulose celsius
celtic celtics cement cemented cemeteries cemetery cena censor censored censors censorship census cent centenary
centennial center centered centerpiece centers centimeters central centralized centrally centre centred centres
centric centrist centro cents centuries centurion century ceo ceos ceramic ceramics cereal cereals cerebral ceremonial
ceremonies ceremony cert certain certainly certainty certificate certificates certification certifications certified
certify cervical cervix ces cesar cessation ceylon cf cfa cfl cfo cfr cfs cg cgi ch cha chad chadwick chai chain
chained chains chainsaw chair chaired chairman chairmen chairperson chairs chakra chalet chalice chalk challenge
challenged challenger challengers challenges challenging chalmers chamber chamberlain chambers chameleon champ
champagne champaign champion championed champions championship championships champs chan chance chancellor chances
chandelier chandler chandra chanel chang change changed changer changes changing channel channeling channels channing
chant chanting chants chao chaos chaotic chap chapel chaplain chaplin chapman chaps chapter chapters char character
characterised characteristic characteristics characterization characterize characterized characters charcoal charge
charged charger chargers charges charging chariot charisma charismatic charitable charities charity charles charleston
charley charlie charlotte charlottesville charlton charm charmed charming charms charred chart charter chartered
charters charting charts chas chase chased chaser chases chasing chassis chastity chat chateau chatham chats
chattanooga chatted chatter chatting chauffeur chavez che cheap cheaper cheapest cheaply cheat cheated cheater
cheaters cheating cheats chechen check checked checker checkers checking checklist checkout checkpoint checkpoints
checks cheddar cheek cheeks cheeky cheer cheered cheerful cheering cheerleader cheerleaders cheerleading cheers cheery
cheese cheeseburger cheesecake cheeses cheesy cheetah chef chefs chelsea cheltenham chem chemical chemically chemicals
chemist chemistry chemists chemo chemotherapy chen cheney cheng chennai cheque cheques cher cherish cherished
chernobyl cherokee cherries cherry cheryl chesapeake cheshire chess chest chester chesterfield chestnut chests chet
cheung chevrolet chevron chevy chew chewed chewing cheyenne chi chia chiang chic chicago chichester chick chicken
chickens chicks chico chief chiefly chiefs chihuahua child childbirth childcare childhood childish childless children
childrens childs chile chilean chili chill chilled chilli chilling chills chilly chime chimes chimney chimneys chin
china chinatown chinese ching chino chip chipotle chipped chipping chips chit chivalry chloe chloride chlorine cho
chocolate chocolates choi choice choices choir choke choked choking cholera cholesterol chomsky chong choo choose
chooses choosing chop chopped chopper chopping chopra chops choral chord chords chore choreographed choreographer
choreography chores chorus chose chosen chow chris chrissy christ christchurch christensen christi christian
christianity christians christie christina christine christmas christophe christopher christy chrome chromium
chromosome chromosomes chronic chronically chronicle chronicles chronological chronology chrysler chu chubby chuck
chuckle chuckled chuckles chun chung chunk chunks chunky church churches churchill churn churning chute ci cia cicero
cid cider cigar cigarette cigarettes cigars cincinnati cinderella cindy cinema cinemas cinematic cinematography
cinnamon cio cipher cir circa circle circled circles circling circuit circuitry circuits circular circulate circulated
circulating circulation circumcision circumference circumstance circumstances circumstantial circumvent circus cis
cisco citadel citation citations cite cited cites citi cities citing citizen citizens citizenship citrus city civ
civic civil civilian civilians civilisation civilised civility civilization civilizations civilized cj ck cl clad
claim claimant claimants claimed claiming claims clair claire clam clamp clamps clams clan clancy clandestine clans
clap clapped clapping clara clare clarence clarendon clarification clarified clarify clarifying clarinet clarity clark
clarke clarkson clash clashed clashes clasp class classed classes classic classical classics classification
classifications classified classify classmate classmates classroom classrooms classy claude claudia claudio claus
clause clauses claw claws clay clayton clean cleaned cleaner cleaners cleaning cleanliness cleanly cleans cleanse
cleanser cleansing cleanup clear clearance clearances cleared clearer clearest clearing clearly clears clearwater
cleavage cleaver clegg clemens clement clements clemson cleo cleopatra clergy clergyman cleric clerical clerics clerk
clerks cleveland clever cleverly cliche cliché click clicked clicking clicks client clientele clients cliff clifford
cliffs clifton climate climates climatic climax climb climbed climber climbers climbing climbs clinch clinched cling
clinging clinic clinical clinically clinicians clinics clint clinton clintons clip clipped clipper clippers clipping
clippings clips clique clit clive cloak clock clocked clocks clockwise clockwork clogged clone cloned clones cloning
clooney close closed closely closeness closer closes closest closet closets closing closure closures clot cloth
clothed clothes clothing cloths cloud clouded clouds cloudy clout clover cloves clown clowns club clubhouse clubs clue
clueless clues clumsy cluster clustered clustering clusters clutch clutches clutching clutter clyde cm cma cmc cmon
cms cn cnbc cnn cns co coa coach coached coachella coaches coaching coal coalition coalitions coarse coast coastal
coaster coasters coastline coasts coat coated coates coating coatings coats cob cobalt cobb cobra coca cocaine cochran
cochrane cock cockpit cockroach cockroaches cocks cocktail cocktails cocky coco cocoa coconut cocoon cod code coded
codes codex coding cody coe coefficient coefficients coerced coercion coexist coffee coffees coffin coffins cog
cognition cognitive cohen coherence coherent cohesion cohesive cohn cohort cohorts coil coils coin coinage coincide
coincided coincidence coincidentally coincides coined coins coke col cola colbert colby colchester cold colder coldest
coldplay cole coleman coles coli colin coliseum coll collaborate collaborated collaborating collaboration
collaborations collaborative collaborator collaborators collage collagen collapse collapsed collapses collapsing
collar collars collateral colleague colleagues collect collected collectible collectibles collecting collection
collections collective collectively collector collectors collects colleen college colleges collegiate collide collided
collier collin collingwood collins collision collisions collusion colo cologne colombia colombian colombo colon
colonel colonial colonialism colonies colonists colonization colony color colorado coloration colorectal colored
colorful coloring colorless colors colossal colossus colour coloured colourful colouring colours colt colton colts
columbia columbus column columnist columns com coma comb combat combatants combating combination combinations combine
combined combines combing combining combo combs combustion comcast come comeback comedian comedians comedic comedies
comedy comes comet comets comey comfort comfortable comfortably comforted comforting comforts comfy comic comical
comics comin coming comm comma command commandant commanded commander commanders commanding commandment commandments
commando commandos commands commemorate commemorating commemoration commemorative commence commenced commencement
commencing commend commendable commendation commended comment commentaries commentary commentator commentators
commented commenting comments commerce commercial commercially commercials commission commissioned commissioner
commissioners commissioning commissions commit commitment commitments commits committed committee committees
committing commodities commodity commodore common commonly commonplace commons commonwealth commotion comms communal
commune communicate communicated communicates communicating communication communications communion communism communist
communists communities community commute commuter commuters commuting como comp compact companies companion companions
companionship company comparable comparative comparatively compare compared compares comparing comparison comparisons
compartment compartments compass compassion compassionate compatibility compatible compel compelled compelling
compendium compensate compensated compensating compensation compete competed competence competency competent competes
competing competition competitions competitive competitively competitiveness competitor competitors compilation
compile compiled compiler compiling complacency complacent complain complainant complained complaining complains
complaint complaints complement complementary complemented complements complete completed completely completeness
completes completing completion complex complexes complexion complexities complexity compliance compliant complicate
complicated complication complications complicit complicity complied compliment complimentary complimented compliments
comply complying component components compose composed composer composers composing composite composites composition
compositions compost composure compound compounded compounding compounds comprehend comprehension comprehensive
compress compressed compression compressor comprise comprised comprises comprising compromise compromised compromises
compromising compton comptroller compulsion compulsive compulsory computation computational compute computed computer
computerized computers computing comrade comrades con conan concave conceal concealed concealing concede conceded
conceding conceivable conceive conceived concentrate concentrated concentrates concentrating concentration
concentrations concept conception concepts conceptual concern concerned concerning concerns concert concerted concerto
concerts concession concessions concierge concise conclude concluded concludes concluding conclusion conclusions
conclusive concord concordia concrete concur concurrent concurrently concussion condemn condemnation condemned
condemning condemns condensation condensed condescending condition conditional conditioned conditioner conditioning
conditions condo condolences condom condominium condominiums condoms condone condos conducive conduct conducted
conducting conductive conductivity conductor conductors conducts conduit cone cones coney conf confederacy confederate
confederation confer conference conferences conferred confess confessed confesses confessing confession confessional
confessions confetti confidence confident confidential confidentiality confidently configuration configurations
configure configured confined confinement confines confirm confirmation confirmed confirming confirms confiscated
conflict conflicted conflicting conflicts confluence conform conforming conformity confront confrontation
confrontational confronted confronting confronts confucius confuse confused confuses confusing confusion cong
congenital congested congestion conglomerate congo congolese congrats congratulate congratulated congratulating
congratulations congregation congregational congregations congress congressional congressman congressmen conical
conjecture conjunction conjure conley conn connect connected connecticut connecting connection connections connective
connectivity connector connectors connects connelly conner connie connolly connor connors connotations conor conquer
conquered conquering conqueror conquest conquests conrad cons conscience conscientious conscious consciously
consciousness consecrated consecutive consensual consensus consent consented consenting consequence consequences
consequent consequential consequently conservancy conservation conservatism conservative conservatives conservatory
conserve conserved consider considerable considerably considerate consideration considerations considered considering
considers consignment consist consisted consistency consistent consistently consisting consists consolation console
consoles consolidate consolidated consolidating consolidation consonant consort consortium conspicuous conspiracies
conspiracy conspirators conspired conspiring constable constance constant constantine constantinople constantly
constants constellation constipation constituencies constituency constituent constituents constitute constituted
constitutes constitution constitutional constitutionally constitutions constrained constraint constraints construct
constructed constructing construction constructions constructive constructs construed consul consular consulate
consult consultancy consultant consultants consultation consultations consultative consulted consulting consume
consumed consumer consumers consumes consuming consummate consumption cont contact contacted contacting contacts
contagion contagious contain contained container containers containing containment contains contaminants contaminated
contamination conte contemplate contemplated contemplating contemplation contemporaries contemporary contempt contend
contended contender contenders contending contends content contention contentious contentment contents contest
contestant contestants contested contesting contests context contexts contextual contiguous continent continental
continents contingency contingent continual continually continuation continue continued continues continuing
continuity continuous continuously continuum contour contours contra contraband contraception contraceptive
contraceptives contract contracted contracting contraction contractions contractor contractors contracts contractual
contradict contradicted contradicting contradiction contradictions contradictory contradicts contrary contrast
contrasted contrasting contrasts contribute contributed contributes contributing contribution contributions
contributor contributors contrived control controlled controller controllers controlling controls controversial
controversies controversy conundrum convection convene convened convenience convenient conveniently convent convention
conventional conventionally conventions converge convergence conversation conversational conversations converse
conversely conversion conversions convert converted converter convertible converting converts convex convey conveyed
conveying conveyor conveys convict convicted conviction convictions convicts convince convinced convincing
convincingly convoluted convoy convoys conway coo cook cookbook cooke cooked cooker cookery cookie cookies cooking
cooks cool coolant cooled cooler coolest cooling cools coon coop cooper cooperate cooperated cooperating cooperation
cooperative cooperatives coordinate coordinated coordinates coordinating coordination coordinator cop copa cope
copeland copenhagen copied copies coping copious copper cops copy copying copyright copyrighted cor cora coral corals
corbett corbin corbyn cord cordial cordon cords core cores corey corinne corinthians cork corn cornelius cornell
corner cornerback cornered corners cornerstone cornish cornwall corny corolla corona coronary coronation coronavirus
coroner corp corporal corporate corporation corporations corps corpse corpses corpus corral correct corrected
correcting correction correctional corrections corrective correctly correctness corrects correlate correlated
correlates correlation correlations correspond corresponded correspondence correspondent correspondents corresponding
corresponds corridor corridors corrosion corrosive corrugated corrupt corrupted corruption corset cortex cortez
cortical cortisol corvette cory cos cosby cosmetic cosmetics cosmic cosmo cosmopolitan cosmos cosplay cost costa
costco costello costing costly costs costume costumes cosy cot cottage cottages cotton couch cougar cougars cough
coughing coughs could couldnt coulson coulter council councillor councillors councilman councils counsel counseling
counselling counsellor counselor counselors count countdown counted counter counteract countered counterfeit
countering counterpart counterparts counterpoint counterproductive counters countess counties counting countless
countries country countrymen countryside counts county coup coupe couple coupled couples coupling coupon coupons
courage courageous courier course courses coursework court courteous courtesy courthouse courting courtney courtroom
courts courtship courtyard cousin cousins coutinho couture cove coven covenant covent coventry cover coverage covered
covering covers covert coveted covid covington cow cowan coward cowardice cowardly cowards cowboy cowboys cowell
coworker coworkers cows cox coy coyote coyotes coz cozy cp cpa cpc cpi cpl cpr cps cpu cr crab crabs crack crackdown
cracked cracker crackers cracking cracks cradle craft crafted crafting crafts craftsman craftsmanship craftsmen crafty
craig craigslist cram crammed cramp cramped cramps cranberry crane cranes crank cranky crap crappy crash crashed
crashes crashing crate crater craters crates crave craven craving cravings crawford crawl crawled crawley crawling
cray crayon crayons craze crazed crazier craziest craziness crazy crc cream creams creamy crease create created
creates creating creation creations creative creatively creativity creator creators creature creatures credence
credentials credibility credible credit credited creditor creditors credits cree creed creek creeks creep creeping
creeps creepy cremated cremation creme creole crept crescent crest cretaceous crete crew crews crib cricket cricketer
cricketers crickets cried cries crime crimea crimean crimes criminal criminally criminals criminology crimson cringe
cripple crippled crippling crises crisis crisp crisps crispy cristiano cristina criteria criterion critic critical
critically criticise criticised criticising criticism criticisms criticize criticized criticizes criticizing critics
critique critiques crm croatia croatian crochet crock crocker crockett crocodile crocodiles croft cromwell cronies
crook crooked crooks crop cropped cropping crops crore crores crosby cross crossbow crossed crosses crossfire crossfit
crossing crossings crossover crossroads crossword crotch crouch crow crowd crowded crowdfunding crowding crowds crowe
crowley crown crowned crowning crowns crows croydon crt crucial crucible crucified crucifix crucifixion crude cruel
cruelty cruise cruiser cruisers cruises cruising crumble crumbling crumbs crunch crunching crunchy crusade crusader
crusaders crusades crush crushed crusher crushes crushing crust crusty crutches crux cruz cry crying crypt cryptic
crypto cryptocurrency crystal crystalline crystals cs csa csgo csi csr css cst csu ct ctrl cu cub cuba cuban cubans
cube cubes cubic cubicle cubs cuckoo cucumber cucumbers cuddle cuddling cuddly cue cues cuff cuffs cuisine culinary
cullen culminated culminating culmination culprit cult cultivate cultivated cultivating cultivation cults cultural
culturally culture cultured cultures cum cumberland cumbersome cumbria cumin cumming cummings cummins cumulative
cunning cunningham cunt cunts cuomo cup cupboard cupcake cupcakes cupid cups curate curated curator curators curb cure
cured cures curfew curing curiosity curious curiously curl curled curling curls curly curran currencies currency
current currently currents curricula curricular curriculum currie curry curse cursed curses cursing cursor curt
curtailed curtain curtains curtis curvature curve curved curves curving curvy cus cushion cushions cusp custard
custodial custodian custody custom customary customer customers customization customize customized customs cut cute
cutest cutie cutler cutlery cutoff cuts cutter cutters cutting cuttings cuz cv cvs cw cx cy cyanide cyber
cybersecurity cyborg cycle cycles cyclic cyclical cycling cyclist cyclists cyclone cyclones cyclops cylinder cylinders
cylindrical cynical cynicism cynthia cypress cyprus cyril cyrus cyst cystic czar czech czechoslovakia d da dab dad
dada daddy dade dads dae daft dagger daggers dah dahl dai daily dainty dairy daisy dak dakota dal dalai dale daley
dallas dalton daly dam damage damaged damages damaging damascus dame damian damien dammit damn damned damning damnit
damon damp dams dan dana dance danced dancer dancers dances dancing dandy dane danes dang danger dangerous dangerously
dangers dangling dani daniel danielle daniels danish dank danny dans dante danube danville daphne dar darby darcy dare
dared daredevil dares daring darius dark darkened darker darkest darkness darling darlington darn darrell darren
darryl dart darth dartmouth darts darwin daryl das dash dashboard dashed dashing dat data database databases dataset
date dated dates dating daughter daughters daunting dave davenport davey david davidson davies davis davison davos
davy daw dawes dawg dawkins dawn dawned dawson dax day daybreak daycare daylight days daytime dayton daytona dazed
dazzle dazzling db dc dd de dea deacon deactivated dead deadliest deadline deadlines deadly deadpool deaf deal dealer
dealers dealership dealerships dealing dealings deals dealt dean deans dear dearborn dearest dearly death deaths deb
debacle debatable debate debated debates debating debbie debilitating debit deborah debra debris debt debtor debts
debut debuted debuts dec decade decadent decades decal decatur decay decaying deceased deceit deceive deceived
deceiving december decency decent decentralized deception deceptive decide decided decidedly decides deciding
deciduous decimal decimated decipher decision decisions decisive decisively deck decked decker decks declaration
declarations declare declared declares declaring decline declined declines declining deco decode decoding
decomposition decor decorate decorated decorating decoration decorations decorative decoy decrease decreased decreases
decreasing decree decreed decrees dedicate dedicated dedication deduct deducted deductible deduction deductions dee
deed deeds deem deemed deems deep deepen deepened deepening deeper deepest deeply deer def defamation default defaults
defeat defeated defeating defeats defect defected defective defects defence defences defend defendant defendants
defended defender defenders defending defends defense defenseless defenseman defenses defensive defensively defer
deferred defiance defiant defiantly deficiencies deficiency deficient deficit deficits defied defies define defined
defines defining definite definitely definition definitions definitive definitively deflect deflected deflection
deforestation deformation deformed defunct defy defying degenerate degeneration degenerative degradation degrade
degraded degrading degree degrees dehydrated dehydration dei deities deity del delaney delaware delay delayed delaying
delays delegate delegated delegates delegation delegations delete deleted deleting deletion delhi deli delia
deliberate deliberately deliberation deliberations delicacy delicate delicately delicious delight delighted delightful
delights delinquent deliver deliverance delivered deliveries delivering delivers delivery dell della deloitte delphi
delta deluded deluge delusion delusional delusions deluxe delve dem demand demanded demanding demands demeanor
dementia demi demise demo democracies democracy democrat democratic democratically democrats demographic demographics
demolish demolished demolition demon demonic demons demonstrate demonstrated demonstrates demonstrating demonstration
demonstrations demonstrators demos demoted dempsey dems den deng denial denied denies denim denis denise denmark
dennis denny denomination denominations denominator denote denoted denotes denounce denounced denouncing dense densely
densities density dent dental dentist dentistry dentists denton denver deny denying deodorant depart departed
departing department departmental departments departs departure departures depend dependable depended dependence
dependencies dependency dependent depending depends depict depicted depicting depiction depictions depicts depleted
depletion deplorable deploy deployed deploying deployment deployments deport deportation deported deposed deposit
deposited deposition deposits depot depots depp depraved depreciation depressed depressing depression depressive
deprivation deprive deprived depriving dept depth depths deputies deputy der derail derailed deranged derby derbyshire
deregulation derek derelict derivation derivative derivatives derive derived derives dermatologist derogatory derrick
derry des descend descendant descendants descended descending descends descent describe described describes describing
description descriptions descriptive desert deserted deserts deserve deserved deserves deserving desi design designate
designated designation designations designed designer designers designing designs desirable desire desired desires
desist desk desks desktop desmond desolate desolation despair desperate desperately desperation despicable despise
despised despite dessert desserts destination destinations destined destiny destitute destroy destroyed destroyer
destroyers destroying destroys destruction destructive det detached detachment detail detailed detailing details
detain detained detainees detect detectable detected detecting detection detective detectives detector detectors
detects detention deter detergent deteriorate deteriorated deteriorating deterioration determination determine
determined determines determining deterrent detonated detonation detour detox detract detriment detrimental detroit
deus deutsche dev devastated devastating devastation develop developed developer developers developing development
developmental developments develops devi deviant deviate deviation deviations device devices devil devils devin devine
devious devise devised devlin devoid devolution devolved devon devote devoted devotees devotion devotional devour
devoured devout dew dewey dex dexter dexterity dey df dg dh dhabi dhaka dharma dhs di dia diabetes diabetic diablo
diagnose diagnosed diagnoses diagnosing diagnosis diagnostic diagnostics diagonal diagram diagrams dial dialect
dialects dialed dialing dialog dialogue dialogues dials dialysis diameter diamond diamondbacks diamonds diana diane
dianne diaper diapers diaphragm diaries diarrhea diarrhoea diary diaspora diaz dicaprio dice diced dichotomy dick
dickens dickhead dickinson dicks dickson dictate dictated dictates dictator dictators dictatorship dictionaries
dictionary did didier didn didnt die died diego diem dies diesel diet dietary dieter dieting dietrich diets diff
differ differed difference differences different differential differentiate differentiated differentiation differently
differing differs difficult difficulties difficulty diffraction diffuse diffusion dig digest digested digestion
digestive digger digging digit digital digitally digits dignified dignitaries dignity digs dil dilapidated dildo
dilemma dilemmas diligence diligent diligently dill dillon dilute diluted dilution dim dime dimension dimensional
dimensions diminish diminished diminishes diminishing diminutive dimitri din dina dinah dine diner diners ding dining
dinner dinners dino dinosaur dinosaurs dio diocese diode dion dior dioxide dip diploma diplomacy diplomas diplomat
diplomatic diplomats dipped dipping dips dir dire direct directed directing direction directional directions directive
directives directly director directorate directories directors directory directs dirk dirt dirty dis disabilities
disability disable disabled disabling disadvantage disadvantaged disadvantages disagree disagreed disagreement
disagreements disagrees disallowed disappear disappearance disappeared disappearing disappears disappoint disappointed
disappointing disappointment disappointments disapproval disapprove disarm disarmament disaster disasters disastrous
disbanded disbelief disc discard discarded discern discerning discharge discharged discharges disciple disciples
disciplinary discipline disciplined disciplines disclaimer disclose disclosed disclosing disclosure disclosures disco
discography discomfort disconnect disconnected discontent discontinue discontinued discord discount discounted
discounting discounts discourage discouraged discouraging discourse discover discovered discoveries discovering
discovers discovery discredit discredited discreet discreetly discrepancies discrepancy discrete discretion
discretionary discriminate discriminated discriminating discrimination discriminatory discs discuss discussed
discusses discussing discussion discussions disdain disease diseased diseases disgrace disgraced disgraceful
disgruntled disguise disguised disgust disgusted disgusting dish dishes dishonest dishonesty dishwasher disillusioned
disintegration disk disks dislike disliked dislikes dislocated dismal dismantle dismantled dismantling dismay dismiss
dismissal dismissed dismisses dismissing dismissive disney disneyland disobedience disorder disorderly disorders
disorganized disparate disparities disparity dispatch dispatched dispatcher dispatches dispel dispensary dispense
dispenser dispensing dispersal disperse dispersed dispersion displaced displacement display displayed displaying
displays displeasure disposable disposal dispose disposed disposing disposition disproportionate disproportionately
dispute disputed disputes disqualification disqualified disregard disregarded disrespect disrespectful disrupt
disrupted disrupting disruption disruptions disruptive diss dissatisfaction dissatisfied dissection disseminate
disseminated dissemination dissent dissenting dissertation dissident dissidents dissimilar dissipated dissolution
dissolve dissolved dissolves dissolving dissonance dissuade distal distance distances distancing distant distillation
distilled distillery distinct distinction distinctions distinctive distinctly distinguish distinguished distinguishes
distinguishing distort distorted distortion distortions distract distracted distracting distraction distractions
distraught distress distressed distressing distribute distributed distributes distributing distribution distributions
distributor distributors district districts distrust disturb disturbance disturbances disturbed disturbing ditch
ditched ditches ditching ditto div diva divas dive diver divergence divergent divers diverse diversification
diversified diversify diversion diversity divert diverted diverting dives divide divided dividend dividends divides
dividing divine diving divinity division divisional divisions divisive divorce divorced divorces dix dixie dixon diy
dizziness dizzy dj django djokovic djs dk dl dlc dm dmc dmitry dms dmv dna dnc dns do doable dobbs dobson doc dock
docked docking docks docs doctor doctoral doctorate doctors doctrine doctrines document documentaries documentary
documentation documented documenting documents dod dodd dodge dodged dodger dodgers dodging dodgy doe does doesn
doesnt dog dogg doggie doggy dogma dogs doha doherty doi doin doing doj dolan dolce dole doll dollar dollars dolls
dolly dolores dolphin dolphins dom domain domains dome domes domestic domestically domesticated dominance dominant
dominate dominated dominates dominating domination domingo dominic dominican dominion dominique domino don donald
donaldson donate donated donating donation donations doncaster done donetsk dong donkey donkeys donna donnelly donnie
donny donor donors donovan dons dont donut donuts doo doodle doom doomed doomsday door doorbell doors doorstep doorway
dopamine dope doping doppler dora dorado dorchester dorian doris dork dorm dormant dormitory dorothy dorsal dorset
dorsey dortmund dory dos dosage dose doses dossier dot doth dots dotted double doubled doubles doubling doubly doubt
doubted doubtful doubting doubtless doubts douche doug dough doughnut doughnuts douglas douglass dove dover doves dow
down downed downer downey downfall downgrade downgraded downhill downing download downloadable downloaded downloading
downloads downright downs downside downstairs downstream downtime downtown downturn downward downwards dowry doyle
dozen dozens dp dps dr drab draco dracula draft drafted drafting drafts drag dragged dragging dragon dragonfly dragons
drags drain drainage drained draining drains drake drama dramas dramatic dramatically drank draped draper drastic
drastically draught draw drawback drawbacks drawer drawers drawing drawings drawn draws dre dread dreaded dreadful
dream dreamed dreamer dreamers dreaming dreams dreamt dreamy dreary dredge dredging drenched dresden dress dressed
dresser dresses dressing drew dreyfus dribble dried drier dries drift drifted drifting drill drilled drilling drills
drink drinker drinkers drinking drinks drip dripping driscoll drive driven driver drivers drives driveway driving
drizzle droid drone drones drool drooling drop dropbox droplets dropout dropped dropping drops drought drove drown
drowned drowning drs drug drugged drugs drugstore drum drummer drumming drummond drums drunk drunken dry dryer drying
ds dslr dsm dt du dual duality duane dub dubai dubbed dubious dublin dubois dubs dubstep duchess duchy duck ducked
ducking ducks duct ducts dude dudes dudley due duel dues duet duff duffy dug dugout duh dui duke dukes dull dulles
duluth duly dum dumb dumbass dumber dumbest dumbledore dumfries dummies dummy dump dumped dumping dumplings dumps
dumpster dun dunbar duncan dundee dune dunes dung dungeon dungeons dunham dunk dunkirk dunlop dunn dunne dunno duo dup
duped duplex duplicate duplicated duplicates duplication dupont durability durable duran durant duration durban duress
durham during dusk dust dusted dustin dusting dusty dutch dutchman duties dutton duty duval dv dvd dvds dvr dw dwarf
dwarfs dwarves dwayne dwell dwellers dwelling dwellings dwight dwindling dwyer dx dye dyed dyer dyes dying dyke dylan
dynamic dynamically dynamics dynamite dynamo dynasty dysfunction dysfunctional dyslexia dyson dystopian e ea each
eachother eager eagerly eagle eagles ear earbuds earl earle earlier earliest early earmarked earn earned earners
earnest earning earnings earns earring earrings ears earth earthly earthquake earthquakes earths earthy ease eased
easier easiest easily easing east eastbound eastenders easter eastern eastman easton eastward eastwood easy eat eaten
eater eaters eating eaton eats eau eb ebay ebb ebola ebony ebook ebooks ec ecb eccentric ecclesiastical echo echoed
echoes echoing eclectic eclipse eco ecological ecology ecommerce econ economic economical economically economics
economies economist economists economy ecosystem ecosystems ecstasy ecstatic ect ecu ecuador ecumenical eczema ed
eddie eddy edelman eden edgar edge edged edges edging edgy edible edict edinburgh edison edit edited edith editing
edition editions editor editorial editorials editors edits edm edmond edmonton edmund edna edo eds edt eduardo educate
educated educating education educational educator educators edward edwards edwin ee eeg eel eels eerie ef eff effect
effected effective effectively effectiveness effects efficacy efficiencies efficiency efficient efficiently effort
effortless effortlessly efforts eg egalitarian egan egg eggplant eggs ego egos egregious egypt egyptian egyptians eh
ei eid eiffel eight eighteen eighteenth eighth eighties eighty eileen ein einstein eisenhower either ejected ejection
ek el elaborate elaborated elaine elastic elasticity elbow elbows elder elderly elders eldest eleanor elect elected
electing election elections elective electoral electorate electors electric electrical electrically electrician
electricity electrification electro electrode electrodes electrolyte electromagnetic electron electronic
electronically electronics electrons elects elegance elegant element elemental elementary elements elena elephant
elephants elevate elevated elevating elevation elevations elevator elevators eleven eleventh elf elgin eli elias
elicit eligibility eligible elijah eliminate eliminated eliminates eliminating elimination eliot elisa elisabeth elise
elite elites elitist elixir eliza elizabeth elizabethan elk ella elle ellen ellie ellington elliot elliott elliptical
ellis ellison elm elmer elmo elon elongated eloquent elsa else elsevier elsewhere elsie elton elusive elves elvis ely
em email emailed emailing emails emanating emancipation emanuel embankment embargo embark embarked embarking embarrass
embarrassed embarrassing embarrassment embassies embassy embedded embedding embellished embezzlement emblem embodied
embodies embodiment embody embrace embraced embraces embracing embroidered embroidery embryo embryonic embryos emerald
emerge emerged emergence emergencies emergency emergent emerges emerging emeritus emerson emery emi emigrants
emigrated emigration emil emile emilia emilio emily eminem eminence eminent emir emirates emission emissions emit
emits emitted emitting emma emmanuel emmett emmy emo emoji emory emotion emotional emotionally emotions emp empathy
emperor emperors emphasis emphasise emphasised emphasize emphasized emphasizes emphasizing emphatic emphatically
empire empires empirical employ employed employee employees employer employers employing employment employs empower
empowered empowering empowerment empress emptied emptiness empty emptying ems emu emulate emulation en enable enabled
enables enabling enact enacted enacting enactment enamel encased enchanted enchanting enclave enclosed enclosure
enclosures encoded encoding encompass encompasses encompassing encore encounter encountered encountering encounters
encourage encouraged encouragement encourages encouraging encrypted encryption encyclopedia end endanger endangered
endangering endearing endeavor endeavors endeavour endeavours ended endemic endgame ending endings endless endlessly
endocrine endorse endorsed endorsement endorsements endorses endorsing endothelial endowed endowment ends endurance
endure endured enduring enemies enemy energetic energies energized energy enfield enforce enforceable enforced
enforcement enforcing eng engage engaged engagement engagements engages engaging engel engine engineer engineered
engineering engineers engines england english englishman engraved engraving engravings engulfed enhance enhanced
enhancement enhancements enhances enhancing enigma enigmatic enjoy enjoyable enjoyed enjoying enjoyment enjoys enlarge
enlarged enlargement enlighten enlightened enlightening enlightenment enlist enlisted enmity ennis enoch enormous
enormously enough enquiries enquiry enraged enrich enriched enriching enrichment enrique enroll enrolled enrolling
enrollment enrolment ensemble enshrined ensign enslaved ensued ensues ensuing ensure ensured ensures ensuring ent
entail entails entangled enter entered entering enterprise enterprises enters entertain entertained entertainer
entertainers entertaining entertainment enthusiasm enthusiast enthusiastic enthusiastically enthusiasts entice
enticing entire entirely entirety entities entitled entitlement entity entourage entrance entrances entrants
entrenched entrepreneur entrepreneurial entrepreneurs entrepreneurship entries entropy entrusted entry envelope
envelopes envious environment environmental environmentalists environmentally environments envisaged envision
envisioned envoy envy enzo enzyme enzymes eo eos ep epa ephraim epi epic epidemic epidemics epidemiology epilepsy
epilogue epiphany episcopal episode episodes episodic epithelial epitome epl epoch epoxy eps epsom epstein eq equal
equality equally equals equate equates equation equations equator equatorial equestrian equilibrium equine equinox
equip equipment equipped equipping equitable equities equity equivalence equivalent equivalents er era eradicate
eradicated eradication eras erase erased erasing erasmus erdogan ere erect erected erection eric erica erickson
ericsson erie erik erika erin eritrea erm ernest ernesto ernie ernst erode eroded eros erosion erotic erotica erp err
errand errands erratic erroneous erroneously error errors ers erupted eruption eruptions erwin es esa escalate
escalated escalating escalation escalator escape escaped escapes escaping escobar escort escorted escorts escrow
eskimo esl esoteric esp especially espionage espn esports espresso esq esque esquire essay essays essence essendon
essential essentially essentials essex est establish established establishes establishing establishment establishments
estate estates esteem esteemed ester esther estimate estimated estimates estimating estimation estonia estonian
estranged estrogen estuary et eta etc etched etching eternal eternally eternity etf eth ethan ethanol ethel ether
ethereal ethereum ethernet ethic ethical ethically ethics ethiopia ethiopian ethnic ethnically ethnicities ethnicity
ethos etienne etiquette eton etsy eu eucalyptus eucharist eugene eulogy eun euphoria eur eurasia eureka euro europa
europe european europeans euros eurovision eurozone euthanasia ev eva evacuate evacuated evacuation evade evaluate
evaluated evaluating evaluation evaluations evan evangelical evangelicals evangelist evans evaporate evaporated
evaporation evasion evasive eve evelyn even evening evenings evenly event eventful events eventual eventually ever
everest everett evergreen everlasting everton every everybody everyday everyone everything everytime everywhere
evicted eviction evidence evidenced evident evidently evil evils evo evocative evoke evoked evokes evolution
evolutionary evolve evolved evolves evolving ew ewan ewing ex exacerbated exact exactly exaggerate exaggerated
exaggerating exaggeration exalted exam examination examinations examine examined examiner examines examining example
examples exams excavated excavation excavations exceed exceeded exceeding exceedingly exceeds excel excelled
excellence excellency excellent except exception exceptional exceptionally exceptions excerpt excerpts excess excesses
excessive excessively exchange exchanged exchanges exchanging exchequer excise excitation excite excited excitedly
excitement excites exciting exclaimed exclamation exclude excluded excludes excluding exclusion exclusive exclusively
exclusivity excruciating excursion excursions excuse excused excuses exec execs execute executed executes executing
execution executioner executions executive executives exemplary exemplified exempt exempted exemption exemptions
exercise exercised exercises exercising exert exerted exes exeter exhale exhaust exhausted exhausting exhaustion
exhaustive exhibit exhibited exhibiting exhibition exhibitions exhibitors exhibits exhilarating exile exiled exiles
exist existed existence existent existential existing exists exit exited exiting exits exo exodus exorbitant exotic
exp expand expanded expanding expands expanse expansion expansions expansive expat expect expectancy expectation
expectations expected expecting expects expedite expedition expeditions expel expelled expenditure expenditures
expense expenses expensive experience experienced experiences experiencing experiment experimental experimentally
experimentation experimented experimenting experiments expert expertise experts expiration expire expired expires
expiring expiry explain explained explaining explains explanation explanations explanatory explicit explicitly explode
exploded explodes exploding exploit exploitation exploited exploiting exploits exploration explorations exploratory
explore explored explorer explorers explores exploring explosion explosions explosive explosives expo exponential
exponentially export exported exporter exporters exporting exports expose exposed exposes exposing exposition exposure
exposures express expressed expresses expressing expression expressions expressive expressly expressway expulsion
exquisite ext extant extend extended extending extends extension extensions extensive extensively extent exterior
extermination external externally extinct extinction extinguish extinguished extortion extra extracellular extract
extracted extracting extraction extracts extradition extraordinarily extraordinary extras extraterrestrial extravagant
extreme extremely extremes extremism extremist extremists extremity exxon ey eye eyeball eyeballs eyebrow eyebrows
eyed eyeing eyelashes eyelid eyelids eyeliner eyes eyeshadow eyesight eyewitness eyre ez ezekiel ezra f fa faa fab
faber fabian fabio fable fabregas fabric fabricated fabrication fabrics fabulous facade face facebook faced faces
facet facets facial facilitate facilitated facilitates facilitating facilities facility facing fact faction factions
facto factor factories factors factory facts factual faculties faculty fad fade faded fades fading fag faggot
fahrenheit fail failed failing failings fails failure failures faint fainted fainting faintly fair fairbanks faire
fairer fairest fairfax fairfield fairies fairly fairness fairs fairy fairytale faith faithful faithfully faithfulness
faiths fake faked fakes faking falcon falcons fall fallacy fallen falling fallon fallout falls false falsely fam fame
famed famer familial familiar familiarity families family famine famous famously fan fanatic fanatical fanatics
fanbase fancied fancies fancy fandom fanfare fang fangs fannie fanning fanny fans fantasies fantastic fantastically
fantasy faq far farage farah farce fare fared fares farewell fargo farley farm farmed farmer farmers farmhouse farming
farmland farms farrell fart farther farthest farts fas fascinated fascinating fascination fascism fascist fascists
fashion fashionable fashioned fashions faso fast fastball fastened faster fastest fasting fat fatal fatalities
fatality fatally fate fated fateful fates father fathers fathom fatigue fatima fats fatter fatty faucet faulkner fault
faults faulty fauna faust faux fav fave favor favorable favorably favored favoring favorite favorites favors favour
favourable favoured favourite favourites favours fawn fax fay faye fayetteville fb fbi fc fca fcc fd fda fdr fe fear
feared fearful fearing fearless fears fearsome feasibility feasible feast feat feather feathered feathers feats
feature featured features featuring feb february fecal feces fed federal federalist federally federation federer
federico fedex fedora feds fee feeble feed feedback feeder feeders feeding feeds feel feelin feeling feelings feels
fees feet fei feisty feldman felicia felicity feline felipe felix fell fella fellas fellow fellows fellowship
fellowships felon felonies felony felt fema female females feminine femininity feminism feminist feminists femme femur
fence fenced fences fencing fend fender feng fenton fer feral ferdinand fergus ferguson fermentation fermented fern
fernandez fernando ferns ferocious ferrari ferrer ferret ferries ferris ferry fertile fertility fertilization
fertilizer fertilizers fervent fervor fest festival festivals festive festivities fetal fetch fetched fetish fetus
feud feudal fever few fewer fewest ff ffa ffs fg fi fia fiance fiancee fiancé fiancée fiasco fiat fiber fiberglass
fibers fibre fibres fibrosis fickle fiction fictional fictitious fiddle fide fidel fidelity fiduciary field fielded
fielder fielding fields fiend fierce fiercely fiery fiesta fifa fife fifteen fifteenth fifth fifths fifties fifty fig
fight fighter fighters fighting fights figs figurative figure figured figures figuring fiji fil filament file filed
files filing filings filipino filipinos fill filled filler fillers filling fills filly film filmed filming filmmaker
filmmakers filmmaking films filter filtered filtering filters filth filthy filtration fin final finale finalist
finalists finalized finally finals finance financed finances financial financially financials financier financing
finch find finder finding findings finds fine fined finely finer fines finesse finest finger fingered fingering
fingernails fingerprint fingerprints fingers fingertips finish finished finisher finishes finishing finite fink
finland finley finn finnish fins fiona fir fire firearm firearms fireball fired firefighter firefighters firefly
firefox fireman firemen fireplace firepower fires firewall firewood fireworks firing firm firmly firms firmware first
firsthand firstly firth fiscal fischer fish fished fisher fisheries fisherman fishermen fishery fishes fishing fishy
fisk fission fist fists fit fitch fitness fits fitted fitter fitting fittings fitz fitzgerald fitzpatrick five fives
fix fixation fixed fixer fixes fixing fixture fixtures fk fl fla flag flagged flagrant flags flagship flair flak flake
flakes flamboyant flame flames flaming flamingo flammable flanagan flanders flank flanked flanking flanks flannel flap
flapping flaps flare flared flares flash flashback flashbacks flashed flashes flashing flashlight flashy flask flat
flats flattened flatter flattered flattering flavor flavored flavors flavour flavoured flavours flaw flawed flawless
flaws flax flea fleas fled fledged fledgling flee fleece fleeing fleet fleeting fleets fleetwood fleming flemish flesh
fletcher flew flex flexibility flexible flexing flick flicker flickr flicks flies flight flights flimsy flinders fling
flint flip flipped flipping flips flirt flirting flirty flo float floated floating floats flock flocks flood flooded
flooding floods floor flooring floors flop floppy flops flora floral florence flores florida florist floss flotation
flour flourish flourished flourishing flow flowed flower flowering flowers flowing flown flows floyd flu fluctuating
fluctuations fluency fluent fluff fluffy fluid fluids fluke flung fluorescence fluorescent fluoride flurry flush
flushed flushing flute flutter flux fly flyer flyers flying flynn fm fn fo foam fob focal focus focused focuses
focusing focussed fodder foe foes fog foggy foil fol fold folded folder folders folding folds foley foliage folio folk
folklore folks follow followed follower followers following follows folly fond fondly fondness fong font fonts foo
food foodie foods fool fooled fooling foolish foolishness fools foot footage football footballer footballers footed
footer foothills foothold footing footnote footnotes footprint footprints footsteps footwear footwork footy for forage
foraging foray forbade forbes forbid forbidden forbidding forbids force forced forceful forcefully forces forcibly
forcing ford fore forearm forecast forecasting forecasts foreclosure forefront foregoing foreground forehead foreign
foreigner foreigners foreman foremost forensic forensics foreplay foresee foreseeable foresight forest forested
forestry forests forever foreword forex forfeit forfeited forfeiture forgave forge forged forgery forget forgets
forgetting forging forgive forgiven forgiveness forgiving forgot forgotten fork forks form formal formality formally
format formation formations formative formats formatted formatting formed former formerly formidable forming forms
formula formulas formulate formulated formulation formulations forrest forrester forsaken forster forsyth fort forte
forth forthcoming forties fortifications fortified fortitude fortnight fortnite fortress forts fortunate fortunately
fortune fortunes forty forum forums forward forwarded forwarding forwards forza fossil fossils foster fostered
fostering fosters fought foul fouled fouls found foundation foundational foundations founded founder founders founding
foundry fountain fountains four fourier fours fourteen fourteenth fourth fowl fowler fox foxes foxy foyer fp fps fr
fra fracking fraction fractional fractions fracture fractured fractures fragile fragment fragmentation fragmented
fragments fragrance fragrant frail frame framed frames framework frameworks framing fran franc france frances
francesca francesco franchise franchises francis francisco franco francois francs frank franken frankenstein frankfurt
frankie franklin frankly franks frantic frantically franz françois fraser frat fraternal fraternity frau fraud frauds
fraudulent fraught fray frazier freak freaked freakin freaking freaks freaky freckles fred freddie freddy frederic
frederick free freed freedom freedoms freeing freelance freelancer freely freeman frees freestyle freeway freeze
freezer freezes freezing freight freighter fremantle fremont french frenchman frenzy frequencies frequency frequent
frequented frequently fresco fresh fresher freshly freshman freshmen freshness freshwater fresno fret freud frey fri
friar frickin friction friday fridays fridge fried friedman friedrich friend friendlies friendly friends friendship
friendships fries frigate friggin fright frighten frightened frightening fringe fringes fritz frivolous fro frog frogs
from front frontal fronted frontier frontiers fronting frontline frontman fronts frost frosted frosting frosty frown
frowned froze frozen fructose frugal fruit fruitful fruition fruitless fruits fruity frustrated frustrating
frustration frustrations fry frying fs fsa fsu ft ftc ftp fu fuck fucked fucker fuckers fuckin fucking fucks fudge
fuel fueled fueling fuelled fuels fugitive fugitives fuji fukushima fulfil fulfill fulfilled fulfilling fulfillment
fulham full fullback fuller fullerton fullest fullness fully fulton fumble fumes fun function functional functionality
functionally functioned functioning functions fund fundamental fundamentalist fundamentally fundamentals funded
funding fundraiser fundraisers fundraising funds funeral funerals fungal fungi fungus funk funky funnel funnier
funniest funny fur furious furiously furnace furnaces furnish furnished furnishing furnishings furniture furry furs
further furthering furthermore furthest fury fuse fused fuselage fuses fusion fuss fussy futile future futures
futuristic fuzz fuzzy fw fx fy fyi für g ga gaap gabby gabe gable gabriel gabrielle gaddafi gadget gadgets gaelic gag
gaga gage gags gah gaia gail gain gained gaines gainesville gaining gains gait gal gala galactic galaxies galaxy gale
galilee galileo gall gallagher gallant galleries gallery galley gallo gallon gallons gallop galloway gallows gallup
galore gals galvanized galveston galway gambia gambit gamble gambler gamblers gambling game gameplay gamer gamergate
gamers games gaming gamma gan gandalf gandhi gang gangs gangsta gangster gangsters gao gap gaping gaps garage garages
garb garbage garcia garcía garde garden gardener gardeners gardening gardens gardiner gardner gareth garfield garland
garlic garment garments garner garnered garnet garnish garrett garrison garry garth garvey gary gas gases gasoline
gasp gasping gassed gaston gastric gastrointestinal gate gated gates gateway gather gathered gathering gatherings
gathers gator gatorade gators gatsby gauge gauges gaul gaulle gauntlet gave gavin gay gayle gays gaza gaze gazette
gazing gb gc gcc gcse gd gdp ge gear gearbox geared gearing gears gee geek geeks geelong geese geez gel gelatin gem
gemini gemma gems gen gender gendered genders gene genealogical genealogy genera general generalization
generalizations generalized generally generals generate generated generates generating generation generational
generations generator generators generic generosity generous generously genes genesis genetic genetically genetics
geneva genevieve genie genital genitalia genitals genius geniuses genoa genocide genome genomes genomic genre genres
gent gentile gentiles gentle gentleman gentlemen gently gentrification gentry gents genuine genuinely genus geo geoff
geoffrey geographic geographical geographically geography geologic geological geologist geologists geology geometric
geometry geophysical geopolitical georg george georges georgetown georgia georgian georgie georgina geothermal ger
gerald gerard germ germain german germanic germans germany germs gerrard gerry gertrude gestapo gestation gesture
gestures get getaway gets gettin getting getty gettysburg gf gg gh ghana ghanaian ghastly ghetto ghost ghostbusters
ghostly ghosts ghz gi gia giant giants gibbons gibbs gibraltar gibson giddy gideon gif gifs gift gifted gifts gig
gigantic giggle giggles giggling gigi gigs gil gilbert gilded giles gill gilles gillespie gillette gillian gills
gilmore gilt gimme gimmick gin gina ginger gingerbread gino giorgio giovanni giraffe girl girlfriend girlfriends girls
girly giro giroud gis gist git github giuliani giuseppe give giveaway giveaways given giver gives giving gk gl glacial
glacier glaciers glad gladiator gladiators gladly gladstone gladys glam glamorous glamour glance glanced glances
glancing gland glands glare glaring glasgow glass glasses glastonbury glaucoma glaze glazed glazing gleaming glee glen
glendale glenn glide glider gliding glimmer glimpse glimpses glitch glitches glitter glittering global globalization
globally globe globes glock gloom gloomy gloria glorified glorify glorious glory gloss glossary glossy gloucester
gloucestershire glove glover gloves glow glowing glucose glue glued gluten gm gma gmail gmbh gmc gmo gmt gnome gnu go
goa goal goalie goalkeeper goals goat goats goblin goblins god goddamn goddard goddess goddesses godfather godfrey
godly gods godwin godzilla goers goes goethe goggles gogh goin going goku gold goldberg golden goldfish goldie goldman
golds goldsmith goldstein golf golfer golfers golfing goliath gomes gomez gon gone gong gonna gonzales gonzalez
gonzalo goo good goodbye goodies goodman goodness goodnight goods goodwill goodwin goody goodyear goofy google googled
googling goon goons goose goosebumps gop gopro gorbachev gordon gore gorge gorgeous gorilla gorillas gorman gosh
gosling gospel gospels gossip got gotcha goth gotham gothic goto gotta gotten gough gould gourmet gout gov govern
governance governed governing government governmental governments governor governors governs govt gown gowns gp gpa
gps gpu gq gr grab grabbed grabbing grabs grace graceful gracefully graces gracie gracious graciously grad grade
graded grader graders grades gradient grading gradual gradually graduate graduated graduates graduating graduation
grady graeme graffiti graft graham grail grain grains gram grammar grammatical grammy grammys grams gran granada grand
grandchild grandchildren granddaughter grande grandeur grandfather grandkids grandma grandmother grandpa grandparents
grandson grange granger granite granny grant granted granting grants granular granville grape grapefruit grapes graph
graphene graphic graphical graphics graphite graphs grapple grappling gras grasp grasped grasping grass grasses
grasshopper grassland grassroots grassy grate grated grateful gratification gratifying grating gratitude grave gravel
gravely graves graveyard gravitational gravity gravy gray grayson graze grazing grease greasy great greater greatest
greatly greatness greats greece greed greedy greek greeks green greenberg greene greener greenfield greenhouse
greenish greenland greens greensboro greenville greenwich greenwood greer greet greeted greeting greetings greets greg
gregg gregor gregory grenada grenade grenades greta gretchen grew grey greyhound grid grids grief grievance grievances
grieve grieving grievous griffin griffith griffiths grill grille grilled grilling grim grime grimes grimm grin grind
grinder grinding grinning grip gripped gripping grips grit gritty grizzlies grizzly groan grocer groceries grocery
groin groom groomed grooming groove grooves groovy groping gross grossed grossing grossly grossman grotesque ground
groundbreaking grounded grounding grounds groundwater groundwork group grouped grouping groupings groups grouse grove
grover groves grow grower growers growing growl grown grows growth grub grudge gruesome grumpy grunge grunt gs gsm gst
gt gta gtfo gtx gu guam guangdong guangzhou guantanamo guarantee guaranteed guaranteeing guarantees guard guarded
guardian guardians guarding guardiola guards guatemala gubernatorial gucci guernsey guerrero guerrilla guerrillas
guess guessed guesses guessing guest guests guggenheim gui guidance guide guided guideline guidelines guides guiding
guido guild guildford guilds guillermo guillotine guilt guilty guinea guineas guinness guise guitar guitarist guitars
gujarat gulf gull gullible gulls gully gum gump gums gun gundam gunfire gunman gunmen gunn gunna gunnar gunned gunner
gunners gunning gunpoint gunpowder guns gunshot gunshots guo gupta gurney guru gus gust gustav gusto gusts gut guthrie
gutierrez guts gutted gutter guy guyana guys gw gwen gym gymnasium gymnast gymnastics gyms gypsies gypsy h ha haas
habit habitable habitat habitats habits habitual hack hacked hacker hackers hackett hacking hackney hacks had hades
hadley hae hagen hague hah haha hahah hahaha hahahaha hahn hai haiku hail hailed hailey hailing hails haines hair
haircut haircuts hairdresser haired hairline hairs hairstyle hairstyles hairy haiti haitian hajj hal halal hale haley
half halfback halftime halfway halifax hall halle hallelujah hallmark hallowed halloween halls hallucinations hallway
hallways halo halsey halt halted halting halves ham hamas hamburg hamburger hamid hamilton hamish hamlet hammer
hammered hammering hammers hammock hammond hampden hamper hampered hampshire hampstead hampton hamster hamstring han
hana hancock hand handbag handbags handball handbook handcuffed handcuffs handed handedly handful handgun handguns
handheld handicap handicapped handing handkerchief handle handled handler handlers handles handling handmade handout
handouts hands handset handshake handsome handwriting handwritten handy hang hangar hanged hanger hanging hangout
hangover hangs hank hanks hanley hanna hannah hannibal hanoi hanover hans hansen hanson hap happen happened happening
happenings happens happier happiest happily happiness happy har hara haram harass harassed harassing harassment harbor
harbors harbour harcourt hard hardcore hardcover harden hardened harder hardest harding hardly hardness hardship
hardships hardware hardwood hardworking hardy hare harem hari harlan harlem harley harlow harm harman harmed harmful
harming harmless harmon harmonic harmonies harmonious harmony harms harness harold harp harper harriet harrington
harris harrisburg harrison harrow harrowing harry harsh harsher harshly hart hartford hartley hartman harvard harvest
harvested harvesting harvey haryana has hasan hash hashtag hashtags haskell hasnt hassan hassle hast haste hastily
hastings hasty hat hatch hatched hatches hatchet hatching hate hated hateful hater haters hates hatfield hath hathaway
hating hatred hats haul hauled hauling haunt haunted haunting haunts haute havana have haven havens havent havin
having havoc haw hawaii hawaiian hawk hawke hawkes hawkeye hawking hawkins hawks hawthorn hawthorne hay hayden hayes
hayley haynes hays hayward hazard hazardous hazards haze hazel hazy hb hbo hc hd hdd hdmi hdr he head headache
headaches headband headed header headers heading headless headlights headline headlined headlines headlining
headmaster headphone headphones headquartered headquarters heads headset headway heal healed healer healing heals
health healthcare healthier healthiest healthy healy heap heaps hear heard hearing hearings hears hearsay hearst heart
heartache heartbeat heartbreak heartbreaking heartbroken hearted heartfelt hearth heartland heartless hearts
heartwarming hearty heat heated heater heaters heath heathen heather heathrow heating heats heaven heavenly heavens
heavier heaviest heavily heavy heavyweight hebrew hebrews hebron heck hectare hectares hectic hector hedge hedgehog
hedges hee heed heel heels hefty hegemony heh hehe heidelberg heidi height heightened heights heineken heinous
heinrich heinz heir heiress heirs heisman heist held helen helena helene helicopter helicopters helium helix hell
hella heller hello hells helm helmet helmets help helped helper helpers helpful helping helpless helps helsinki hem
hemingway hemisphere hemorrhage hemp hemsworth hen hence henceforth henderson hendricks hendrix henley hennessy
henning henri henrietta henrik henry hens henson hentai hepatic hepatitis hepburn her herald heralded herb herbal
herbert herbs hercules herd herds here hereafter hereby hereditary hereford herein heres heresy heretic heretics
heritage herman hermann hermes hermione hermit hernandez hernia hero heroes heroic heroin heroine heroism heron herpes
herr herrera herring hers herself hershey hertfordshire hertz herzegovina hes hesitant hesitate hesitated hesitation
hess hester het heterogeneous heterosexual hewitt hewlett hex hey heyday heywood hezbollah hf hg hh hhs hi hiatus
hibernation hiccups hickey hickory hicks hid hidden hide hideous hideout hides hiding hierarchical hierarchy higgins
higgs high higher highest highland highlanders highlands highlight highlighted highlighting highlights highly highness
highs highschool highway highways hijab hijack hijacked hijacking hike hikers hikes hiking hilarious hilariously
hilary hilda hill hillary hills hillsborough hillside hilltop hilly hilton him himalayan himalayas himself hind hinder
hindered hindi hindrance hindsight hindu hinduism hindus hines hinge hinged hinges hint hinted hinting hints hip
hippie hippies hippo hippy hips hipster hire hired hires hiring hiroshima hirsch his hispanic hispanics hiss historian
historians historic historical historically histories history hit hitachi hitch hitchcock hitherto hitler hitman hits
hitter hitters hitting hiv hive hives hiya hk hl hm hmm hmmm hms ho hoa hoard hoarding hoax hobart hobbes hobbies
hobbit hobbs hobby hobo hoboken hoc hockey hodge hodges hodgson hoe hof hoffman hog hogan hogg hogs hogwarts hoist
hola hold holden holder holders holding holdings holds hole holed holes holiday holidays holiness holistic holland
hollis hollow holloway holly hollywood holmes holocaust hologram holographic holster holt holy homage home homecoming
homegrown homeland homeless homelessness homemade homeowner homeowners homepage homer homers homes homestead hometown
homework homicide homicides homie homo homogeneous homophobia homophobic homosexual homosexuality homosexuals hon
honda honduras hone honed honest honestly honesty honey honeymoon hong honolulu honor honorable honorary honored
honoring honors honour honourable honoured honours hoo hood hooded hoodie hoodies hoods hoof hook hooked hooker
hookers hooking hooks hookup hoop hooper hoops hooray hoover hop hope hoped hopeful hopefully hopeless hopelessly
hopes hoping hopkins hopped hopper hopping hops horace horatio horde hordes horizon horizons horizontal horizontally
hormonal hormone hormones horn horne horned horner hornet hornets horns horny horoscope horowitz horrendous horrible
horribly horrid horrific horrified horrifying horror horrors horse horseback horseman horsemen horsepower horses
horseshoe horticultural horticulture horton hose hospice hospital hospitality hospitalization hospitalized hospitals
host hostage hostages hosted hostel hostess hostile hostilities hostility hosting hosts hot hotel hotels hotline
hotspot hotspur hotter hottest hottie hou houghton hound hounds hour hourly hours house housed household households
housekeeper housekeeping housemates houses housewife housewives housework housing houston hove hover hovering how
howard howdy howe howell however howie howl howling hoy hoyt hp hpv hq hr hrc hrs hs hsbc ht htc html http https hu
hua huang huawei hub hubbard hubble hubby hubert hubs hud huddersfield huddle huddled hudson hue hues huey huff
huffington hug huge hugely hugged hugging hugh hughes hugo hugs huh hui hula hulk hull hulu hum human humane humanist
humanitarian humanities humanity humankind humanoid humans humble humbled humbling humbly humboldt hume humid humidity
humiliate humiliated humiliating humiliation humility humming hummus humor humorous humour hump humphrey hun hunch
hundred hundreds hung hungarian hungary hunger hungry hunk hunt hunted hunter hunters hunting huntington hunts
huntsville hurdle hurdles hurled hurley hurling huron hurricane hurricanes hurried hurry hurst hurt hurtful hurting
hurts husband husbands hush huskies husky hussain hussein hustle hut hutch hutchinson huts hutton huxley hvac hw hwang
hwy hy hyatt hybrid hybrids hyde hyderabad hydra hydrate hydrated hydration hydraulic hydro hydrocarbon hydrocarbons
hydroelectric hydrogen hye hygiene hymn hymns hype hyped hyper hyperbolic hypertension hypnosis hypnotic hypocrisy
hypocrite hypocrites hypocritical hypotheses hypothesis hypothesized hypothetical hysteria hysterical hyun hyundai
hyung hz i ia iaea iain ian ib ibiza ibm ibn ibrahim ic icc ice iceberg iced iceland icelandic ich icing icloud ico
icon iconic icons ics ict icu icy id ida idaho idc ide idea ideal idealism idealistic ideally ideals ideas identical
identifiable identification identified identifier identifies identify identifying identities identity ideological
ideologically ideologies ideology idf idiot idiotic idiots idk idle idol idols idris ids idyllic ie ieee if ifs ig
iggy ign ignite ignited ignition ignorance ignorant ignore ignored ignores ignoring igor ii iii ik ike ikea il ill
illegal illegally illegals illegitimate illicit illinois illiterate illness illnesses illogical ills illuminate
illuminated illuminati illuminating illumination illusion illusions illustrate illustrated illustrates illustrating
illustration illustrations illustrative illustrator illustrious im ima image imagery images imaginable imaginary
imagination imaginations imaginative imagine imagined imagines imaging imagining imam imax imbalance imbalances imdb
imf imitate imitating imitation imma immaculate immature immediate immediately immense immensely immersed immersion
immersive immigrant immigrants immigration imminent immoral immortal immortality immune immunity immunization
immunology imo imp impact impacted impacting impacts impaired impairment impairments impala impart impartial impatient
impeach impeached impeachment impeccable impedance impede impediment impending impenetrable imperative imperfect
imperfections imperial imperialism imperialist impetus implant implantation implanted implants implement
implementation implementations implemented implementing implements implicated implication implications implicit
implicitly implied implies imply implying import importance important importantly importation imported importer
importing imports impose imposed imposes imposing imposition impossibility impossible impotent impoverished
impractical impress impressed impressing impression impressions impressive imprint imprisoned imprisonment improbable
impromptu improper improperly improv improve improved improvement improvements improves improving improvisation
improvise improvised impulse impulses impulsive impunity impurities imran in ina inability inaccessible inaccuracies
inaccurate inaction inactive inactivity inadequate inadvertently inanimate inappropriate inappropriately inaugural
inaugurated inauguration inbound inbox inc inca incandescent incapable incapacitated incarcerated incarceration
incarnation incendiary incense incentive incentives inception incessant incest inch inches incidence incident
incidental incidentally incidents incision incite inciting incl inclination incline inclined include included includes
including inclusion inclusive incognito incoherent income incomes incoming incompatible incompetence incompetent
incomplete incomprehensible inconceivable inconclusive inconsiderate inconsistencies inconsistency inconsistent
inconvenience inconvenient incorporate incorporated incorporates incorporating incorporation incorrect incorrectly
increase increased increases increasing increasingly incredible incredibly incremental increments incriminating
incubation incubator incumbent incumbents incur incurable incurred ind indebted indecent indeed indefinite
indefinitely independence independent independently independents indestructible index indexed indexes indexing india
indian indiana indianapolis indians indicate indicated indicates indicating indication indications indicative
indicator indicators indices indicted indictment indictments indie indies indifference indifferent indigenous
indignation indigo indirect indirectly indiscriminate indispensable indistinct indistinguishable individual
individualism individuality individualized individually individuals indo indonesia indonesian indoor indoors induce
induced induces inducing inducted induction indulge indulgence indulgent indulging indus industrial industrialization
industrialized industries industry indy ineffective inefficient ineligible inept inequalities inequality inert inertia
inevitable inevitably inexpensive inexperienced inexplicable inexplicably inf infallible infamous infancy infant
infantry infants infect infected infection infections infectious infer inference inferior infernal inferno inferred
infertility infestation infested infidelity infield infiltrate infiltrated infiltration infinite infinitely infinity
infirmary inflamed inflammation inflammatory inflatable inflate inflated inflation inflict inflicted inflicting
influence influenced influencers influences influencing influential influenza influx info infographic inform informal
informally informant informants informatics information informational informative informed informing informs infrared
infrastructure infrequently infringed infringement infringing infuriating infused infusion ing ingenious ingenuity
ingested ingrained ingram ingredient ingredients ingrid inhabit inhabitants inhabited inhalation inhale inhaled
inhaling inherent inherently inherit inheritance inherited inhibit inhibited inhibiting inhibition inhibitor
inhibitors inhibits inhuman inhumane initial initially initials initiate initiated initiates initiating initiation
initiative initiatives inject injected injecting injection injections injunction injure injured injuries injuring
injury injustice injustices ink inked inks inland inlet inline inmate inmates inn innate inner inning innings
innocence innocent innocents innocuous innovate innovation innovations innovative innovator innovators inns
innumerable inorganic inpatient input inputs inquest inquire inquiries inquiry inquisition ins insane insanely
insanity insatiable inscribed inscription inscriptions insect insects insecure insecurities insecurity insensitive
inseparable insert inserted inserting insertion inserts inside insider insiders insides insidious insight insightful
insights insignia insignificant insist insisted insistence insistent insisting insists insofar insolvency insomnia
inspect inspected inspecting inspection inspections inspector inspectors inspiration inspirational inspirations
inspire inspired inspires inspiring insta instability instagram install installation installations installed
installing installment installments instalment instance instances instant instantaneous instantly instead instigated
instill instinct instinctive instinctively instincts institut institute instituted institutes institution
institutional institutionalized institutions instruct instructed instructing instruction instructional instructions
instructor instructors instrument instrumental instrumentation instruments insufficient insular insulated insulating
insulation insulin insult insulted insulting insults insurance insure insured insurer insurers insurgency insurgent
insurgents insurmountable insurrection int intact intake intangible integer integers integral integrate integrated
integrates integrating integration integrity intel intellect intellectual intellectually intellectuals intelligence
intelligent intelligently intend intended intending intends intense intensely intensified intensifies intensify
intensity intensive intent intention intentional intentionally intentions inter interact interacted interacting
interaction interactions interactive interacts intercept intercepted interception interceptions interchange
interchangeable interconnected intercontinental intercourse interdisciplinary interest interested interesting
interestingly interests interface interfaces interfere interfered interference interferes interfering
intergovernmental interim interior interiors interlude intermediary intermediate intermission intermittent
intermittently intern internal internally international internationally internationals internet interns internship
internships interpersonal interplay interpol interpret interpretation interpretations interpreted interpreter
interpreters interpreting interpretive interracial interrogated interrogation interrupt interrupted interrupting
interruption interruptions interrupts intersect intersection intersections interspersed interstate interstellar
intertwined interval intervals intervene intervened intervening intervention interventions interview interviewed
interviewer interviewing interviews intestinal intestine intestines intimacy intimate intimately intimidate
intimidated intimidating intimidation into intolerable intolerance intolerant intoxicated intoxication intra
intracellular intravenous intrepid intricate intrigue intrigued intriguing intrinsic intrinsically intro introduce
introduced introduces introducing introduction introductions introductory intruder intruders intrusion intrusive
intuition intuitive intuitively inundated invade invaded invaders invading invalid invalidate invaluable invariably
invariant invasion invasions invasive invent invented inventing invention inventions inventive inventor inventories
inventors inventory inverness inverse inversion inverted invest invested investigate investigated investigates
investigating investigation investigations investigative investigator investigators investing investment investments
investor investors invests invincible invisible invitation invitational invitations invite invited invites inviting
invoice invoices invoke invoked invoking involuntary involve involved involvement involves involving inward io ioc
iodine ion ionic ionization ions ios iot iowa ip ipa ipad ipads iphone iphones ipl ipo ipod ips ipswich iq iqbal ir
ira iran iranian iranians iraq iraqi iraqis irc ire ireland irene irina iris irish irishman irl irma iron ironic
ironically ironing ironman irons irony irradiation irrational irregular irregularities irrelevant irreplaceable
irresistible irrespective irresponsible irreversible irrigation irritable irritate irritated irritating irritation irs
irvine irving irwin is isa isaac isabel isabella isabelle isaiah isbn ish isi isil isis isla islam islamabad islamic
islamist islamists island islander islanders islands isle isles islington ism ismail isn isnt iso isolate isolated
isolates isolating isolation isotope isotopes isp isps israel israeli israelis israelites iss issa issuance issue
issued issuer issues issuing ist istanbul it ita italia italian italians italics italy itch itching itchy item items
iteration iterations ithaca itinerary ito its itself itt itunes itv iu iv ivan ive ives ivf ivory ivy ix izzy j ja jab
jace jack jackass jacked jacket jackets jackie jackman jackpot jacks jackson jacksonville jacob jacobs jacobson
jacqueline jacques jade jae jag jagged jagger jaguar jaguars jai jail jailbreak jailed jails jaime jain jaipur jakarta
jake jakob jam jamaica jamaican jamal james jameson jamie jammed jamming jammu jams jan jana jane janeiro janet jang
janice janis janitor january janus japan japanese jar jared jargon jarrett jarring jars jarvis jasmine jason jasper
java javascript javier jaw jaws jax jay jayne jays jazeera jazz jazzy jb jc jd je jealous jealousy jean jeanette
jeanne jeans jeb jed jedi jeep jeez jeff jefferson jeffery jeffrey jehovah jelly jellyfish jen jenkins jenna jenner
jennie jennifer jennings jenny jens jensen jeong jeopardize jeopardy jeremiah jeremy jericho jerk jerking jerks jerky
jerome jerry jersey jerseys jerusalem jess jesse jessica jessie jest jesuit jesuits jesus jet jeter jets jetty jew
jewel jewellery jewelry jewels jewish jews jfk jg ji jia jiang jig jigsaw jihad jill jillian jim jimi jimmie jimmy jin
jing jingle jinx jive jj jk jl jm jo joachim joan joanna joanne joaquin job jobless jobs jock jockey jodi jodie jody
joe joel joey joffrey jog jogging johan johann johanna johannes johannesburg johansson john johnnie johnny johns
johnson johnston johnstone join joined joining joins joint jointly joints jojo joke joked joker jokes joking jokingly
jolie jolly jolt jon jonah jonas jonathan jones jong jonny joo joon jordan jordanian jorge jos jose josef joseph
josephine josh joshua josiah josie joss josé journal journalism journalist journalistic journalists journals journey
journeys joy joyce joyful joyous joys jp jpeg jr js jt ju juan jubilee judah judaism judas judd jude judge judged
judgement judgements judges judging judgment judgmental judgments judicial judiciary judith judo judy jug juggle
juggling juice juices juicy jukebox jul jules julia julian julie julien juliet juliette julio julius july jumbo jump
jumped jumper jumpers jumping jumps jumpsuit jun junction junctions juncture june jung jungle junior juniors juniper
junk junkie junkies juno junta jupiter jurassic juries jurisdiction jurisdictions jurisprudence juror jurors jury jus
just justice justices justifiable justification justified justifies justify justifying justin justine juvenile
juveniles juventus jv jw k ka kabir kabul kahn kai kaiser kal kale kali kam kamal kami kan kane kang kangaroo
kangaroos kanji kano kansas kant kanye kaplan kapoor kappa kar kara karachi karan karaoke karate kardashian kareem
karen karim karin karl karma karnataka kart kashmir kat kate katharine katherine kathleen kathmandu kathryn kathy
katie kato katrina katy katz kaufman kavanaugh kawasaki kay kayak kayaking kaye kayla kazakhstan kb kc kd ke keane
kearney keating keaton kebab kee keegan keel keen keenan keenly keep keeper keepers keeping keeps keg kei keith keller
kelley kellogg kelly kelsey kelvin kemp ken kendall kendra kendrick kennedy kennel kenneth kenny kensington kent
kentucky kenya kenyan kenyon kepler kept kerala kermit kern kernel kerosene kerr kerry kershaw kessler ketchup keto
kettle kev kevin kew key keyboard keyboards keynes keynote keys keystone keyword keywords kfc kg kgb kh khaki khaled
khalid khalifa khalil khan khmer khz ki kia kick kicked kicker kicking kickoff kicks kickstarter kid kidd kidding
kiddo kidnap kidnapped kidnappers kidnapping kidney kidneys kids kieran kiev kiki kilda kill killed killer killers
killing killings kills kiln kilo kilogram kilograms kilometer kilometers kilometre kilometres kilos kim kimball
kimberley kimberly kimi kimmel kin kinase kind kinda kinder kindergarten kindle kindly kindness kindred kinds kinetic
king kingdom kingdoms kingpin kings kingsley kingston kink kinks kinky kinship kiosk kip kira kirby kirk kirkland
kirsten kiss kissed kisses kissing kissinger kit kitchen kitchens kite kits kitten kittens kitty kiwi kk kkk kl klan
klaus klein klopp km kms kn knack knee kneel kneeling knees knew knicks knife knight knights knit knitted knitting
knives knob knobs knock knocked knocking knockout knocks knot knots know knowing knowingly knowledge knowledgeable
knowles known knows knox knoxville knuckle knuckles ko koala kobe koch kodak koh kohli koi kolkata kombat kong kool
koran korea korean koreans kos kosher kosovo kp kpop kr kraft kramer kremlin kris krishna kristen kristin kristina
kroger kruger ks kt ku kuala kudos kumar kun kung kurdish kurdistan kurds kurt kush kuwait kv kw kwh kwon ky kyiv kyle
kylie kyoto kyrgyzstan kyrie kyung l la lab label labeled labeling labelled labelling labels labor laboratories
laboratory laborers labour labourers labrador labs labyrinth lac lace laced laces lacey lack lacked lacking lacks
lacrosse lactose lacy lad ladder ladders laden ladies lads lady lafayette lag lager lagging lago lagoon lagos lags
laguna lahore lai laid lair laird lake lakers lakes lakeside lakewood lakh lakhs lal lam lama lamar lamb lambda
lambert lamborghini lambs lame lament lamented laminated lamont lamp lampard lamps lan lana lancashire lancaster lance
lancet land landed lander landfall landfill landing landings landline landlord landlords landmark landmarks landon
landowner landowners landry lands landscape landscapes landscaping landslide lane lanes lang lange langley language
languages lanka lankan lannister lansing lantern lanterns lao laos lap lapd laps lapse laptop laptops lara large
largely larger largest lark larkin larry lars larsen larson larsson larvae las lasagna laser lasers lash lashed lashes
lashing lass last lasted lasting lastly lasts lat latch late lately latency latent later lateral latest latex latham
latin latina latino latinos latitude latte latter lattice latvia latvian lau lauded lauderdale laugh laughable laughed
laughing laughs laughter launch launched launcher launchers launches launching laundering laundry laura laureate
laurel lauren laurence laurent laurie lava lavender lavish law lawful lawfully lawless lawmaker lawmakers lawn lawns
lawrence laws lawson lawsuit lawsuits lawton lawyer lawyers lax lay layer layered layers laying layoffs layout layouts
lays lazarus laziness lazy lb lbs lc lcd ld lds le lea leach lead leader leaderboard leaders leadership leading leads
leaf leaflet leaflets leafs leafy league leagues leah leak leakage leaked leaking leaks leaky lean leaned leaning
leanne leans leap leaping leaps leapt lear learn learned learner learners learning learns learnt lease leased leases
leash leasing least leather leave leaves leaving lebanese lebanon lebron lecture lectured lecturer lecturers lectures
lecturing led ledge ledger leds lee leech leeds lees left leftist leftists leftover leftovers lefty leg legacies
legacy legal legality legalization legalize legalized legalizing legally legend legendary legends legged leggings
legion legions legislate legislation legislative legislator legislators legislature legislatures legit legitimacy
legitimate legitimately lego legs lehigh lehman lei leia leicester leicestershire leigh leighton leila leinster
leipzig leisure leisurely leith leland lemme lemon lemonade lemons len lena lend lender lenders lending lends length
lengths lengthy lenient lenin leningrad lennon lennox lenny lenovo lens lenses lent lentils leo leon leonard leonardo
leone leopard leopold leprosy lerner leroy les lesbian lesbians lesion lesions lesley leslie less lessen lesser lesson
lessons lest lester let lethal leto lets letter lettering letterman letters letting lettuce leukemia leung lev levant
level leveled leveling levelled levels lever leverage leveraged leveraging levers levi leviathan levied levies levin
levine levy lew lewd lewis lex lexi lexicon lexington lexus lf lg lgbt lgbtq lh li liabilities liability liable
liaison liam liang liar liars lib libby libel liberal liberalism liberals liberate liberated liberating liberation
liberia liberian libertarian liberties liberty libido librarian librarians libraries library libs libya libyan lice
licence licences license licensed licensee licenses licensing lick licked licking licks lid lids lie lieberman lied
lien lies lieu lieutenant lieutenants life lifeboat lifeguard lifeless lifeline lifelong lifespan lifestyle lifestyles
lifetime lifetimes lift lifted lifting lifts liga ligament ligaments ligand light lighted lighten lightening lighter
lighthouse lighting lightly lightning lights lightweight like likeable liked likelihood likely likened likeness likes
likewise liking lil lila lilac lilies lillian lilly lily lim lima limb limbo limbs lime limelight limerick limestone
limit limitation limitations limited limiting limitless limits limo limousine limp lin lina lincoln lincolnshire linda
linden lindsay lindsey line lineage linear linebacker lined lineman linen liner liners lines lineup ling linger
lingerie lingering lingo linguistic linguistics lining link linkage linked linkedin linking links linn linus linux
lion lionel lions lip lipid lips lipstick liquid liquidation liquidity liquids liquor lis lisa lisbon lisp list listed
listen listened listener listeners listening listens lister listing listings lists lit lite liter literacy literal
literally literary literate literature liters lithium lithuania lithuanian litigation litre litres litter littered
little liturgical liturgy liu liv live lived livelihood livelihoods lively liver liverpool livery lives livestock
livin living livingston livingstone liz liza lizard lizards lizzie lizzy lj ll llc lloyd llp lm lmao lmfao ln lng lo
load loaded loader loading loads loaf loan loaned loans loathe loathing lobbied lobby lobbying lobbyist lobbyists lobe
lobes lobster loc local localities locality localization localized locally locals locate located locating location
locations locator loch lock lockdown locke locked locker lockers lockhart lockheed locking lockout locks lockwood loco
locomotive locomotives locus locust lodge lodged lodges lodging loeb loft lofty log logan logged logging logic logical
logically login logistic logistical logistics logo logos logs lohan lois lok loki lol lola lolita lollipop lombard
lombardi lon london londonderry lone loneliness lonely loner lonesome long longed longer longest longevity longing
longitude longitudinal longs longstanding longtime loo look looked lookin looking lookout looks loom looming looms
looney loop loophole loopholes looping loops loose loosely loosen loosing loot looted looting lopez lord lorde lords
lordship lore loren lorenzo loretta lori lorna lorraine lorry los lose loser losers loses losing loss losses lost lot
lothian lotion lots lotta lottery lotto lotus lou loud louder loudest loudly louie louis louisa louise louisiana
louisville lounge lousy louvre lovable love loved lovely lover lovers loves lovin loving lovingly low lowe lowell
lower lowered lowering lowers lowest lowly lowry lows loyal loyalist loyalists loyalties loyalty loyola lp lps lr ls
lsd lsu lt ltd lte lu lubbock lube lubricant luc luca lucas lucia lucian lucid lucie lucien lucifer lucille lucius
luck luckily lucknow lucky lucrative lucy ludicrous ludwig lug luggage lui luigi luis luiz luka lukaku lukas luke
lukewarm lull lullaby lulu lumbar lumber lumen luminous lump lumps lumpur luna lunar lunatic lunch luncheon lunches
lunchtime lund lung lungs lupus lure lured lurk lurking lush lust luther lutheran luton luv lux luxembourg luxuries
luxurious luxury luz lv lvl ly lydia lyft lying lyle lyman lyme lymph lymphoma lyn lynch lynching lyndon lynn lynne
lynx lyon lyons lyric lyrical lyrics m ma mabel mac macaroni macarthur macau macbeth macbook macdonald mace macedonia
macedonian mach machado machete machine machinery machines machining macho macintosh mack mackay mackenzie mackerel
maclean macleod macmillan macon macos macpherson macquarie macro macroeconomic macs macy mad madagascar madam madame
madden maddie maddox made madeleine madeline madison madly madman madness madonna madras madrid mae maestro mafia mag
maga magazine magazines mage magenta maggie magic magical magically magician magicians magistrate magistrates magma
magna magnate magnesium magnet magnetic magnetism magneto magnets magnificent magnifying magnitude magnolia magnum
magnus mags maguire mah mahal maharashtra mahatma maher mahmoud mahogany mahoney mai maid maiden maids mail mailbox
mailed mailing mails main maine mainland mainline mainly mains mainstay mainstream maintain maintained maintaining
maintains maintenance maison maitland maize maj majestic majesty major majority majors mak make makeover maker makers
makes makeshift makeup makin making mal malaria malawi malay malaya malaysia malaysian malcolm maldives male males
malfunction mali malibu malice malicious malignant malik mall mallet mallory malls malnutrition malone maloney
malpractice malt malta maltese malware mam mama mamma mammal mammalian mammals mammoth man mana manafort manage
manageable managed management manager managerial managers manages managing manchester mandarin mandate mandated
mandates mandatory mandela mandy mane maneuver maneuvering maneuvers manga manganese mango manhattan manhood manhunt
mani mania maniac manic manifest manifestation manifestations manifested manifesto manifests manifold manila
manipulate manipulated manipulating manipulation manipulative manitoba mankind manly mann manned mannequin manner
mannered manners manning manny manoeuvre manor manpower mans mansfield mansion mansions manslaughter manson mantis
mantle mantra manu manual manually manuals manuel manufacture manufactured manufacturer manufacturers manufactures
manufacturing manure manuscript manuscripts many mao maori map maple mapped mapping maps mar mara marathon marathons
marble marbles marc marcel marcelo march marched marches marching marcia marco marcos marcus mardi mare margaret
margarita marge margin marginal marginalized marginally margins margo margot marguerite mari maria mariah marian
mariana marianne mariano marie marietta marijuana marilyn marin marina marine mariner mariners marines marino mario
marion marissa marital maritime marius marjorie mark marked markedly marker markers market marketable marketed
marketers marketing marketplace markets markham marking markings markov marks markup markus marlboro marlborough
marlene marley marlin marlins marlon marlowe maroon marquee marquette marquez marquis marr marred marriage marriages
married marries marriott marrow marry marrying mars marsden marseille marsh marsha marshal marshall marshals marshes
marshmallow marshmallows mart marta martha martial martian martin martina martinez martini martins marty martyn martyr
martyrdom martyrs marvel marvellous marvelous marvin marx marxism marxist mary maryland maría mas mascara mascot
masculine masculinity mash mashed mask masked masking masks mason masonic masonry masons masquerade mass massa
massachusetts massacre massacred massacres massage massages masse masses massey massive massively mast master
mastercard masterchef mastered masterful mastering mastermind masterpiece masterpieces masters mastery masturbate
masturbating masturbation mat mata match matched matches matching matchmaking matchup mate mateo mater material
materialism materially materials maternal maternity mates math mathematical mathematically mathematician
mathematicians mathematics mather mathew mathews mathias mathieu maths matic matilda mating matrices matrix matron
mats matt matte matteo matter mattered matters matthew matthews matthias mattress mattresses matty mature matured
maturing maturity mau maud maude maui maureen maurice mauritius maverick mavericks max maxi maxim maximal maximise
maximize maximizing maximum maximus maxine maxwell may maya mayan maybe mayer mayfair mayfield mayhem maynard mayo
mayonnaise mayor mayoral mayors mays mayweather mazda maze mb mba mc mca mcallister mcbride mcc mccabe mccain mccall
mccann mccarthy mccartney mcconnell mccormack mccormick mccoy mcdermott mcdonald mcdonalds mcdonnell mcdowell mcgee
mcgill mcgovern mcgowan mcgrath mcgraw mcgregor mcguire mcintosh mcintyre mckay mckenna mckenzie mckinley mckinney
mclaren mclaughlin mclean mcleod mcmahon mcmaster mcmillan mcnamara mcpherson mcqueen md me mea mead meade meadow
meadows meager meal meals mean meaning meaningful meaningless meanings means meant meantime meanwhile measles
measurable measure measured measurement measurements measures measuring meat meatballs meats meaty mecca mech mechanic
mechanical mechanically mechanics mechanism mechanisms med medal medalist medallion medallist medals meddling media
medial median mediate mediated mediation mediator medic medicaid medical medically medicare medication medications
medici medicinal medicine medicines medics medieval medina mediocre mediocrity meditate meditating meditation
mediterranean medium mediums medley meds medusa mee meek meet meeting meetings meets meetup meg mega megan meghan meh
mei mein mel melancholy melanie melanoma melbourne melee melinda melissa mellon mellow melo melodic melodies melodrama
melody melon melrose melt meltdown melted melting melts melville melvin member members membership memberships membrane
membranes meme memes memo memoir memoirs memorabilia memorable memorandum memorial memorials memories memorize
memorized memory memphis men menace menacing mend mendes mendoza meng meningitis menopause mens menstrual ment mental
mentality mentally mention mentioned mentioning mentions mentor mentoring mentors menu menus meow mep meps mer
mercantile mercedes mercenaries mercenary mercer merch merchandise merchandising merchant merchants merciful merciless
merck mercury mercy mere meredith merely merge merged merger mergers merging meridian merit merits merkel merle merlin
mermaid merrick merrill merritt merry merseyside merton meryl mes mesa mesh mess message messages messaging messed
messenger messengers messes messi messiah messing messy met meta metabolic metabolism metabolites metadata metal
metallic metallica metals metamorphosis metaphor metaphorical metaphors metaphysical metaphysics metastatic meteor
meteorite meteorites meteorological meteorology meter meters meth methane method methodical methodist methodological
methodologies methodology methods methyl meticulous meticulously metre metres metric metrics metro metropolis
metropolitan mets mew mexican mexicans mexico meyer meyers mf mfa mg mgm mh mhz mi mia miami mic micah mice mich
michael michaels michel michelangelo michele michelin michelle michigan mick mickey micro microbes microbial
microbiology microorganisms microphone microphones microscope microscopic microscopy microsoft microwave mid midday
middle middlesbrough middlesex middleton middletown middleweight midfield midfielder midfielders midget midi midland
midlands midnight midst midsummer midterm midterms midtown midway midwest midwestern midwife midwives mifflin mig
might mighty migraine migraines migrant migrants migrate migrated migrating migration migrations migratory miguel mika
mike mikey mikhail mil mila milan milano mild milder mildly mildred mile mileage miles milestone milestones miley milf
milford miliband militant militants militarily military militia militias milk milking milkshake milky mill millennia
millennial millennials millennium miller millers millie milligrams millimeter millimeters milling million millionaire
millionaires millions mills milly milne milner milo milton milwaukee mime mimi mimic mimicking mimics min mina minaj
mince minced mind minded mindful mindfulness minding mindless minds mindset mindy mine minecraft mined miner mineral
minerals miners mines ming mingle minh mini miniature miniatures minimal minimalist minimally minimise minimize
minimized minimizing minimum mining minion minions miniseries minister ministerial ministers ministries ministry
minivan mink minn minneapolis minnesota minnie minor minorities minority minors mins minsk mint mints minus minute
minutes mio mir mira miracle miracles miraculous miraculously mirage miranda miriam mirror mirrored mirroring mirrors
mis miscarriage miscellaneous mischief mischievous misconception misconceptions misconduct misdemeanor miserable
miserably misery misfits misfortune misguided mishap misinformation misinterpreted mislead misleading misled
mismanagement mismatch misogyny misplaced miss missed misses missile missiles missing mission missionaries missionary
missions mississippi missouri missy mist mistake mistaken mistakenly mistakes mistaking mister mistook mistreated
mistress mistrust misty misunderstand misunderstanding misunderstandings misunderstood misuse misused mit mitch
mitchell mite mites mitigate mitigating mitigation mitochondria mitochondrial mitsubishi mitt mix mixed mixer mixers
mixes mixing mixtape mixture mixtures mj mk ml mla mlb mlm mls mm mma mmm mmmm mn mo moan moaning moans moat mob
mobile mobiles mobility mobilization mobilize mobilized mobs moby mock mocked mockery mocking mocks mod modal mode
model modeled modeling modelled modelling models modem moderate moderated moderately moderates moderation moderator
moderators modern modernism modernist modernity modernization modernize modes modest modestly modesty modi
modification modifications modified modify modifying mods modular modulation module modules moe moffat mogul mohamed
mohammad mohammed mohawk moi moines moira moist moisture mojave mojo mol molasses mold molded molding moldova molds
mole molecular molecule molecules moles molested molina molly molotov molten mom moment momentarily momentary
momentous moments momentum momma mommy momo moms mon mona monaco monarch monarchs monarchy monasteries monastery
monastic monday mondays monde monet monetary money mongolia mongolian mongols monica monies moniker monique monitor
monitored monitoring monitors monk monkey monkeys monks monmouth mono monochrome monogram monograph monographs
monolithic monologue monopolies monopoly monoxide monroe mons monsanto monsieur monsoon monster monsters monstrous
mont montage montague montana monte montenegro monterey montgomery month monthly months montreal monty monument
monumental monuments moo mood moods moody moon mooney moonlight moons moor moore moors moose moot mop mor mora moral
morale morales morality morally morals moran moratorium moray morbid more moreno moreover morgan morgue mori morley
mormon mormons morn mornin morning mornings moroccan morocco moron morons morph morphine morphological morphology
morris morrison morrissey morrow morse mort mortal mortality mortals mortar mortars mortem mortgage mortgages mortimer
morton mortuary morty mos mosaic moscow moses mosque mosques mosquito mosquitoes moss most mostly mosul mot motel moth
mother motherboard motherfucker motherfuckers motherfucking motherhood motherland mothers moths motif motifs motion
motions motivate motivated motivates motivating motivation motivational motivations motive motives motley moto motogp
motor motorbike motorcycle motorcycles motoring motorist motorists motorized motorola motors motorsport motorway mott
motto mou mould moulded mound mounds mount mountain mountainous mountains mounted mounting mounts mourinho mourn
mourning mouse moustache mouth mouthed mouthful mouthpiece mouths movable move moved movement movements mover movers
moves movie movies movin moving mow mower mowing moyes mozambique mozart mozilla mozzarella mp mpg mph mps mr mri mrna
mrs ms msc msg msm msnbc msp msu mt mtg mtv mu mubarak much muck mucus mud muddy mueller muffin muffins muffled mug
mugabe mugs muhammad muir mulberry mulder mule mules mullen muller mulligan mullins multi multicultural
multiculturalism multidisciplinary multilateral multilingual multimedia multinational multiplayer multiple multiples
multiplication multiplied multiplier multiply multiplying multitude mum mumbai mumford mummy mums mun munch mundane
mundo munich municipal municipalities municipality munitions munro munster muppet muppets mural murals murder murdered
murderer murderers murdering murderous murders murdoch murdock muriel murky murphy murray mus musa muscle muscles
muscular muse muses museum museums mushroom mushrooms music musical musically musicals musician musicians musk muslim
muslims mussels mussolini must mustache mustafa mustang mustangs mustard muster mustered mutant mutants mutated
mutation mutations mute muted mutilated mutilation mutiny mutton mutual mutually muzzle mv mvp mw mx my myanmar myers
myles myra myriad myrtle myself myspace mysteries mysterious mysteriously mystery mystic mystical mysticism mystique
myth mythic mythical mythological mythology myths müller n na naacp nab nacho nacional nada nadal nadia nadine nadu
nafta nag nagar nagging nah nail nailed nailing nails nairobi naive nakamura naked nam name named nameless namely
names namesake namibia naming nan nana nancy nanjing nanny nano nanoparticles nanotechnology naomi nap napa napier
napkin napkins naples napoleon napoli napping naps narcissism narcissistic narcotic narcotics narendra narrated
narration narrative narratives narrator narrow narrowed narrower narrowing narrowly narrows naruto nas nasa nasal
nascar nascent nasdaq nash nashville nassau nasser nasty nat natal natalia natalie natasha nate nathan nathaniel
nation national nationalism nationalist nationalistic nationalists nationalities nationality nationally nationals
nations nationwide native natives nativity nato nats natural naturalist naturally nature natured naughty nausea
nauseous nautical nav navajo naval navarro nave navigate navigating navigation navigator navy naw nawaz nay nazareth
nazi nazis nazism naïve nb nba nbc nbsp nc ncaa ncis nd nda ndp ne neal near nearby nearer nearest nearing nearly neat
neatly nebraska nebula nec necessarily necessary necessities necessity neck necklace necklaces necks nectar ned nee
need needed needing needle needles needless needlessly needs needy nefarious negative negatively negatives negativity
neglect neglected neglecting negligence negligent negligible negotiable negotiate negotiated negotiating negotiation
negotiations negotiator negro negroes nehru neighbor neighborhood neighborhoods neighboring neighbors neighbour
neighbourhood neighbourhoods neighbouring neighbours neil neill neither nel nell nellie nelly nelson nemesis nemo neo
neoliberal neon neonatal nepal nepali nephew nephews neptune nerd nerds nerdy nero nerve nerves nervous nervously
nervousness nes ness nest nested nesting nestled nests net netanyahu netball netflix netherlands nets netted netting
network networking networks neumann neural neuro neurological neurologist neurology neuron neuronal neurons
neuroscience neurotic neutral neutrality neutralize neutron neutrons nev nevada never nevermind nevertheless neville
new newark newbie newborn newborns newbury newcastle newcomer newcomers newell newer newest newfound newfoundland
newly newman newport news newsletter newspaper newspapers newsroom newsweek newt newton newtown next nexus neymar nf
nfc nfl ng ngo ngos nguyen nh nhl nhs ni nia niagara niall nib nic nicaragua nice nicely nicer nicest niche niches
nicholas nicholls nichols nicholson nick nickel nickelodeon nicki nickname nicknamed nicknames nicks nicky nico nicola
nicolas nicole nicotine niece nieces nielsen nietzsche nifty nigel niger nigeria nigerian nigerians nigga niggas
nigger nigh night nightclub nightclubs nightfall nightingale nightlife nightly nightmare nightmares nights nighttime
nih nik nike niki nikita nikki niko nikolai nikon nil nile niles nimble nina nine nineteen nineteenth nineties ninety
ninja ninjas nino nintendo ninth nip nipple nipples nirvana nissan nit nite nitrate nitro nitrogen nix nixon nj nk nl
nm nmr no noaa noah nobel nobility noble nobleman nobles nobody nocturnal nod nodded nodding node nodes nods noel noir
noise noises noisy nokia nola nolan nom nomad nomadic nomenclature nominal nominally nominate nominated nominating
nomination nominations nominee nominees non none nonetheless nonexistent nonfiction nonlinear nonprofit nonprofits
nonsense nonstop nonviolent noodle noodles nook noon noone nope nor nora nord nordic norfolk norm norma normal
normalize normalized normally norman normandy normative norms norris norse north northampton northbound northeast
northeastern northern northumberland northward northwest northwestern norton norway norwegian norwich norwood nos nose
nosed noses nostalgia nostalgic nostrils not notable notably notary notation notch notched note notebook notebooks
noted notes noteworthy nothin nothing notice noticeable noticeably noticed notices noticing notification notifications
notified notify notifying noting notion notions notoriety notorious notoriously notre nottingham nottinghamshire
notwithstanding noun nouns nourishment nouveau nov nova novak novel novelist novelists novella novels novelty november
novice novo now nowadays nowhere nozzle np npc npr nps nr nra nrc nrl ns nsa nsf nsfw nsw nt nu nuance nuanced nuances
nuclear nuclei nucleotide nucleus nude nudes nudge nudity nugent nugget nuggets nuisance nuke nukes null num numb
number numbered numbering numbers numerals numeric numerical numerous nun nunes nuns nuremberg nurse nurseries nursery
nurses nursing nurture nurtured nurturing nut nutmeg nutrient nutrients nutrition nutritional nutritious nuts nutshell
nutty nv nvidia nw nxt ny nyc nye nylon nypd nyse nyt nyu nz o oa oak oakland oakley oaks oars oasis oates oath
oatmeal oats ob obama obamacare obedience obedient obese obesity obey obeyed obeying obi obituary object objected
objection objectionable objections objective objectively objectives objectivity objects obligated obligation
obligations obligatory oblige obliged oblique obliterated oblivion oblivious obnoxious obscene obscure obscured
obscurity observable observance observant observation observational observations observatory observe observed observer
observers observes observing obsessed obsession obsessive obsolete obstacle obstacles obstetrics obstruct obstructing
obstruction obtain obtainable obtained obtaining obtains obtuse obvious obviously oc occasion occasional occasionally
occasions occult occupancy occupant occupants occupation occupational occupations occupied occupies occupy occupying
occur occurred occurrence occurrences occurring occurs ocd ocean oceanic oceans oct octane octave octavia october
octopus oculus od oda odd oddly odds ode odessa odi odin odor odyssey oecd oem of ofc ofcourse off offence offences
offend offended offender offenders offending offense offenses offensive offer offered offering offerings offers office
officer officers offices official officially officials officiating offline offs offseason offset offshore offside
offspring oft often oftentimes ofthe og ogden ogre oh ohh ohhh ohio ohm oi oil oiled oilers oils oily oj ok okay okc
okinawa oklahoma ol olaf old older oldest oldham oldies olds ole oleg olfactory olga olive oliver olives olivia
olivier ollie olsen olson olympia olympian olympians olympic olympics olympus om omaha oman omar ombudsman omega omen
omg ominous omission omissions omit omitted omni omnibus on onboard once oncology oncoming one oneplus ones oneself
ong ongoing onion onions online only ono ons onset onslaught onstage ont ontario onto onward onwards oo oof ooh ooo
oooh oop oops op opal opaque opec open opened opener opening openings openly openness opens opera operas operate
operated operates operating operation operational operations operative operatives operator operators opinion opinions
opioid opioids opium opponent opponents opportunistic opportunities opportunity oppose opposed opposes opposing
opposite opposites opposition oppressed oppression oppressive oprah ops opt opted optic optical optics optimal
optimism optimist optimistic optimization optimize optimized optimizing optimum optimus opting option optional options
opus or ora oracle oral orally orange oranges orb orbit orbital orbiting orbits orc orchard orchards orchestra
orchestral orchestrated orchid orchids orcs ordained ordeal order ordered ordering orderly orders ordinance ordinances
ordinarily ordinary ordination ordnance ore oregon org organ organic organically organisation organisational
organisations organise organised organiser organisers organising organism organisms organization organizational
organizations organize organized organizer organizers organizes organizing organs orgasm orgasms orgy orient oriental
orientation oriented origin original originality originally originals originate originated originates originating
origins orioles orion orkney orlando orleans ornament ornamental ornaments ornate orphan orphanage orphaned orphans
orr orson ortega orthodox orthodoxy orthopedic ortiz orton orwell os osaka osama osborn osborne osbourne oscar oscars
osha osiris oslo ost ostensibly ostrich osu oswald ot otc other others otherwise otis ott ottawa otter otters otto
ottoman ou ouch ought ounce ounces our ours ourselves ousted out outage outages outback outbound outbreak outbreaks
outburst outbursts outcast outcome outcomes outcry outdated outdoor outdoors outer outfield outfielder outfit outfits
outflow outgoing outing outings outlandish outlaw outlawed outlaws outlet outlets outline outlined outlines outlining
outlook outlying outnumbered outpatient outperform outpost output outputs outrage outraged outrageous outreach
outright outs outset outside outsider outsiders outskirts outsourced outsourcing outspoken outstanding outta outward
outwardly outweigh ova oval ovarian ovaries ovation oven ovens over overall overalls overarching overboard overcame
overcast overcome overcoming overcrowded overcrowding overdose overdrive overdue overflow overflowing overgrown
overhaul overhead overheard overheating overland overlap overlapping overlay overload overloaded overlook overlooked
overlooking overlooks overlord overly overnight overpowered overpriced overrated overreacting override overriding
overruled overrun overs oversaw overseas oversee overseeing overseen oversees overshadowed oversight oversized overt
overtake overtaken overtaking overthrow overthrown overtime overtly overtook overture overturn overturned overuse
overview overwatch overweight overwhelm overwhelmed overwhelming overwhelmingly overworked ow owe owed owen owens owes
owing owl owls own owned owner owners ownership owning owns ox oxford oxfordshire oxidation oxidative oxide oxygen oy
oyster oysters oz ozil ozone ozzy p pa pablo pac pace paced pacers paces pacific pacifist pacing pack package packaged
packages packaging packard packed packer packers packet packets packing packs pacquiao pact pad padded padding
paddington paddle paddock paddy padilla padre padres pads pagan page pageant pages pai paid paige pain paine painful
painfully painkillers painless pains paint paintball painted painter painters painting paintings paints pair paired
pairing pairs paisley pajamas pak pakistan pakistani pakistanis pal palace palaces palatable palate pale paleo palermo
palestine palestinian palestinians palette palin palladium pallet palliative palm palmer palms palo palpable pals
palsy pam pamela pamphlet pamphlets pan panama panasonic pancake pancakes pancreas pancreatic panda pandas pandemic
pandora pane panel panels pang panic panicked panicking panned panorama panoramic pans pant pantheon panther panthers
panties pantomime pantry pants pao paolo pap papa papacy papal paparazzi paper paperback papers paperwork papi papua
par para parable parachute parade parades paradigm paradise paradox paragon paragraph paragraphs paraguay parallel
parallels paralympic paralympics paralysis paralyzed paramedic paramedics parameter parameters paramilitary paramount
paranoia paranoid paranormal paraphrase parasite parasites parasitic parcel parcels parchment pardon pardoned parent
parental parentheses parenthood parenting parents paris parish parishes parishioners parisian parity park parked
parker parking parkinson parkland parks parkway parliament parliamentary parliaments parlor parlour parma parmesan
parochial parody parole parr parramatta parrish parrot parrots parry parsley parsons part partake parted partial
partially participant participants participate participated participates participating participation participatory
particle particles particular particularly particulars particulate parties parting partisan partisans partition
partitions partly partner partnered partnering partners partnership partnerships parton partridge parts party partying
pas pasadena pascal pasha paso pass passage passages passed passenger passengers passer passes passing passion
passionate passionately passions passive passively passover passport passports password passwords past pasta paste
pasted pastel pastime pastor pastoral pastors pastries pastry pasture pastures pat patch patched patches patchwork
patel patent patented patents paternal paternity paterson path pathetic pathfinder pathogen pathogens pathological
pathologist pathology paths pathway pathways patience patient patiently patients patio patreon patriarch patriarchal
patriarchy patrice patricia patrick patriot patriotic patriotism patriots patrol patrolling patrols patron patronage
patrons pats patsy pattern patterned patterns patterson patti patton patty pau paul paula paulie pauline paulo paulson
pause paused pauses pausing pave paved pavel pavement pavilion paving paw pawn paws pax paxton pay payable payback
paycheck payday payer payers paying payload payment payments payne payoff payout payouts paypal payroll pays payton
paz pb pbs pc pcb pci pcr pcs pct pd pdf pdp pdt pe pea peabody peace peaceful peacefully peacekeeping peacetime peach
peaches peacock peak peaked peaking peaks peanut peanuts pear pearce pearl pearls pears pearson peas peasant peasants
peat pebble pebbles peck peculiar pedagogical pedagogy pedal pedals peddling pedestal pedestrian pedestrians pediatric
pediatrician pediatrics pedigree pedophile pedophiles pedophilia pedro pee peed peeing peek peel peeled peeling peep
peeps peer peers peg pegasus pegged peggy pei peking pelican pelicans pell pellet pellets pelosi pelvic pelvis
pembroke pen penal penalized penalties penalty penance pence penchant pencil pencils pendant pending pendleton
pendulum penelope penetrate penetrated penetrating penetration peng penguin penguins penicillin peninsula penis
penitentiary penn penned pennies pennsylvania penny pens pensacola pension pensioners pensions pentagon penthouse
penultimate people peoples peoria pep pepe pepper peppermint pepperoni peppers pepsi peptide peptides per perceive
perceived percent percentage percentages percentile perception perceptions perch perched percussion percy perennial
perez perfect perfected perfecting perfection perfectly perforated perform performance performances performed
performer performers performing performs perfume perfumes perhaps peril perilous perils perimeter period periodic
periodical periodically periodicals periods peripheral periphery perish perished perjury perk perkins perks perm
permanent permanently permian permissible permission permissions permit permits permitted permitting peroxide
perpendicular perpetrated perpetrator perpetrators perpetual perpetually perpetuate perplexed perry persecuted
persecution perseverance persia persian persians persist persisted persistence persistent persistently persists person
persona personal personalised personalities personality personalized personally personnel persons perspective
perspectives persuade persuaded persuading persuasion persuasive pertaining pertains perth pertinent peru peruvian
pervasive perverse pervert perverted pes peshawar pesky peso pesos pessimistic pest pesticide pesticides pests pet
peta petal petals pete peter peterborough peters petersburg petersen peterson petit petite petition petitioned
petitions petra petrified petrol petroleum pets petting petty peugeot pew peyton peña pf pfizer pg pga ph phantom
pharaoh pharma pharmaceutical pharmaceuticals pharmacies pharmacist pharmacists pharmacology pharmacy pharrell phase
phased phases phd pheasant phelps phenomena phenomenal phenomenon phenotype phew phi phil philadelphia philanthropic
philanthropist philanthropy philharmonic philip philippe philippine philippines philips phillies phillip phillips
philly philosopher philosophers philosophical philosophies philosophy phobia phoebe phoenix phone phoned phones
phonetic phony phosphate phosphorus photo photograph photographed photographer photographers photographic
photographing photographs photography photon photons photos photoshop photoshopped photosynthesis photovoltaic php
phrase phrases phyllis physical physically physician physicians physicist physicists physics physiological physiology
physique pi pia pianist piano piazza pic picard picasso piccadilly piccolo pick picked pickering picket picking pickle
pickled pickles picks pickup pickups picky picnic pico pics pictorial picture pictured pictures picturesque pie piece
pieces pied piedmont pier pierce pierced piercing piercings piero pierre piers pierson pies pietro piety pig pigeon
pigeons piggy pigment pigments pigs pikachu pike pilates pile piled piles pilgrim pilgrimage pilgrims piling pill
pillar pillars pillow pillows pills pilot piloted piloting pilots pimp pin pinball pinch pinched pinching pine
pineapple pines ping pink pinky pinnacle pinned pinning pinot pinpoint pins pint pinterest pinto pints pioneer
pioneered pioneering pioneers pious pip pipe pipeline pipelines piper pipes piping piracy pirate pirates pisa piss
pissed pisses pissing pistol pistols piston pistons pit pita pitbull pitch pitched pitcher pitchers pitches pitchfork
pitching pitfalls pitiful pits pitt pitted pitting pittsburgh pity pius pivot pivotal pixar pixel pixels pixie pizza
pizzas pj pk pkk pl pla place placebo placed placement placements placenta places placid placing plagiarism plague
plagued plagues plaid plain plainly plains plaintiff plaintiffs plan planar planck plane planes planet planetary
planets plank planks plankton planned planner planners planning plans plant plantation plantations planted planter
planters planting plants plaque plaques plasma plaster plastered plastic plastics plat plate plateau plated plates
platform platforms plating platinum plato platonic platoon platt platter plausible play playa playable playback
playbook playboy played player players playful playground playgrounds playhouse playin playing playlist playlists
playoff playoffs plays playstation playtime playwright plaza plc plea plead pleaded pleading pleads pleas pleasant
pleasantly please pleased pleases pleasing pleasurable pleasure pleasures pledge pledged pledges pleistocene plenary
plentiful plenty plethora plight plot plots plotted plotting plough plow ploy pls pluck plucked plug plugged plugging
plugin plugins plugs plum plumber plumbers plumbing plume plump plunder plunge plunged plunging plural plurality plus
plush pluto plutonium ply plymouth plywood plz pm pms pneumatic pneumonia png po poaching poc pocket pockets pod
podcast podcasts podium pods poe poem poems poet poetic poetry poets pogba poignant point pointe pointed pointer
pointers pointing pointless points pointy poise poised poison poisoned poisoning poisonous poisons poke poked pokemon
poker poking pokémon pol poland polar polaris polarity polarization polarized pole poles police policeman policemen
policies policing policy policymakers polio polish polished polishing polite politely political politically politician
politicians politico politics polk polka poll pollard polled pollen polling pollock polls pollutants polluted
polluting pollution polly polo poly polyester polygamy polygon polymer polymers polynomial polytechnic pom pompeii
pompey pompous pond ponder pondering ponds pong ponies pont pontiac pony ponytail poo poodle pooh pool poole pools
poop pooping poor poorer poorest poorly pop popcorn pope popes poplar popped popping poppy pops populace popular
popularity popularly populated population populations populism populist populous por porcelain porch pore pores pork
porn pornhub porno pornographic pornography porous porridge porsche port portable portage portal portals porte ported
porter portfolio portfolios portion portions portland portman porto portrait portraits portray portrayal portrayed
portraying portrays ports portsmouth portugal portuguese pos pose posed poseidon poses posh posing position positional
positioned positioning positions positive positively positives positivity posse possess possessed possesses possessing
possession possessions possessive possibilities possibility possible possibly post postage postal postcard postcards
postcode postdoctoral posted poster posterior posters postgraduate posting postings postman postmaster postmodern
postpone postponed postponement posts postseason posture postwar pot potassium potato potatoes potency potent
potential potentially potentials potion potomac pots potter pottery potts potty potus pouch poultry pound pounded
pounding pounds pour poured pouring pours pov poverty pow powder powdered powders powell power powered powerful
powerfully powerhouse powering powerless powerpoint powers pox pp ppc ppg ppl ppm ppp ppv pr practical practically
practice practiced practices practicing practise practised practising practitioner practitioners prada pradesh
pragmatic prague prairie praise praised praises praising prank pranks prasad pratt pray prayed prayer prayers praying
prays prc pre preach preached preacher preachers preaching precarious precaution precautions preceded precedence
precedent precedes preceding precinct precincts precious precipitation precise precisely precision preclude precursor
precursors predator predators predatory predecessor predecessors predetermined predicament predicated predict
predictable predictably predicted predicting prediction predictions predictive predictor predicts predominant
predominantly preface prefect prefecture prefer preferable preferably preference preferences preferential preferred
preferring prefers prefix pregnancies pregnancy pregnant prehistoric prejudice prejudiced prejudices preliminary
prelude prem premature prematurely premier premiere premiered premieres premiers premiership premise premises premium
premiums prenatal prentice preoccupied preorder prep prepaid preparation preparations preparatory prepare prepared
preparedness prepares preparing preposterous prepping prequel prerequisite prerogative pres presbyterian preschool
prescott prescribe prescribed prescribing prescription prescriptions preseason presence present presentation
presentations presented presenter presenters presenting presently presents preservation preserve preserved preserves
preserving presided presidency president presidential presidents presiding presley press pressed presses pressing
pressure pressured pressures pressuring pressurized prestige prestigious preston presumably presume presumed
presumption pretend pretended pretending pretends pretense pretentious pretext pretoria prettier prettiest pretty
prevail prevailed prevailing prevails prevalence prevalent prevent preventable preventative prevented preventing
prevention preventive prevents preview previews previous previously prey pri price priced priceless prices pricey
pricing prick prickly pricks pride priest priesthood priests prima primal primaries primarily primary primate primates
prime primed primer primetime primitive primordial prince princes princess princesses princeton principal principally
principals principle principled principles print printed printer printers printing prints prior priorities prioritize
priority priory priscilla prism prison prisoner prisoners prisons pristine pritchard prius privacy private privately
privatisation privatization privilege privileged privileges privy prix prize prized prizes pro proactive prob
probabilities probability probable probably probate probation probe probes probing problem problematic problems proc
procedural procedure procedures proceed proceeded proceeding proceedings proceeds process processed processes
processing procession processor processors proclaim proclaimed proclaiming proclamation proctor procure procured
procurement prod prodigy produce produced producer producers produces producing product production productions
productive productivity products prof profanity professed profession professional professionalism professionally
professionals professions professor professors proficiency proficient profile profiled profiles profiling profit
profitability profitable profits profound profoundly prog progeny progesterone prognosis program programmable
programme programmed programmer programmers programmes programming programs progress progressed progresses progressing
progression progressive progressively progressives prohibit prohibited prohibiting prohibition prohibits project
projected projectile projectiles projecting projection projections projector projects proliferation prolific prolly
prologue prolong prolonged prom promenade prometheus prominence prominent prominently promise promised promises
promising promo promos promote promoted promoter promoters promotes promoting promotion promotional promotions prompt
prompted prompting promptly prompts prone pronoun pronounce pronounced pronouns pronunciation proof proofs prop
propaganda propagate propagated propagation propane propel propelled propeller propensity proper properly properties
property prophecies prophecy prophet prophetic prophets proponent proponents proportion proportional proportionate
proportions proposal proposals propose proposed proposes proposing proposition propositions propped proprietary
proprietor props propulsion pros prose prosecute prosecuted prosecuting prosecution prosecutions prosecutor
prosecutors prospect prospective prospects prospectus prosper prosperity prosperous prostate prosthetic prostitute
prostitutes prostitution protagonist protagonists protect protected protecting protection protections protective
protector protectors protects protein proteins protest protestant protestants protested protester protesters
protesting protestors protests proto protocol protocols proton protons prototype prototypes protracted protruding
proud proudly prove proved proven provenance provence proverb proverbial proverbs proves provide provided providence
provider providers provides providing province provinces provincial proving provision provisional provisions
provocation provocative provoke provoked provoking provost prowess proxies proximal proximity proxy prudence prudent
prudential pruning prussia prussian pry pryor ps psa psalm psalms pseudo pseudonym psg psi psn psp pst psych psyche
psychedelic psychiatric psychiatrist psychiatrists psychiatry psychic psycho psychoanalysis psychological
psychologically psychologist psychologists psychology psychopath psychosis psychotherapy psychotic pt pta pts ptsd pty
pu pub puberty pubic public publication publications publicist publicity publicized publicly publish published
publisher publishers publishes publishing pubs puck pudding puddle pueblo puerto puff puffs puffy pug puig puke
pulitzer pull pulled pulling pullman pulls pulmonary pulp pulpit pulse pulses puma pump pumped pumping pumpkin
pumpkins pumps pun punch punched punches punching punctuation puncture pundit pundits pune punish punishable punished
punishing punishment punishments punitive punjab punjabi punk puns punt punter pup pupil pupils puppet puppets puppies
puppy pups purcell purchase purchased purchaser purchasers purchases purchasing purdue pure purely purest purgatory
purge purged purification purified purify puritan purity purple purported purpose purposeful purposefully purposely
purposes purse purses pursuant pursue pursued pursues pursuing pursuit pursuits pus push pushed pushes pushing pushy
puss pussies pussy put putin putnam puts putt putting puzzle puzzled puzzles puzzling pv pvc pvp pvt pw pyongyang
pyramid pyramids python q qa qaeda qatar qb qc qi qin qing qld qpr qr qt qu quack quad quadrant quadruple quail quaint
quake quaker qualcomm qualification qualifications qualified qualifier qualifiers qualifies qualify qualifying
qualitative qualities quality quantify quantitative quantities quantity quantum quarantine quark quarrel quarries
quarry quart quarter quarterback quarterbacks quarterfinals quarterly quartermaster quarters quartet quartz quasi quay
que quebec queen queens queensland queer quell quentin queries query quest question questionable questioned
questioning questionnaire questionnaires questions quests queue queues queuing qui quick quicker quickest quickly quid
quiet quieter quietly quill quilt quincy quinn quinoa quintessential quirk quirky quit quite quits quitting quiz
quizzes quo quorum quot quota quotas quotation quotations quote quoted quotes quoting quran r ra rabbi rabbis rabbit
rabbits rabble rabid rabies raccoon race racecourse raced racer racers races racetrack rachael rachel racial racially
racing racism racist racists rack racked racket racking racks rad radar radcliffe radial radiance radiant radiating
radiation radiator radical radically radicals radio radioactive radiohead radiology radios radiotherapy radius rae raf
rafa rafael raffle raft rafters rag rage raged rages ragged raging rags rah rahman rahul rai raid raided raider
raiders raiding raids rail railing railings railroad railroads rails railway railways rain rainbow rainbows rained
rainfall rainforest raining rains rainwater rainy raise raised raises raisin raising raisins raj raja rajasthan rake
raleigh rallied rallies rally rallying ralph ram rama ramadan raman rambling rambo ramen ramifications ramirez rammed
ramon ramos ramp rampage rampant ramps rams ramsay ramsey ran rana ranch rancher ranchers rancho rand randall randolph
random randomized randomly randy rang range ranged ranger rangers ranges ranging rank ranked rankin ranking rankings
ranks ransom rant ranting rants rao raoul rap rape raped rapes raphael rapid rapidly rapids raping rapist rapists
rapper rappers rapping rapport raps raptor raptors rapture rare rarely rarer rarest rarity ras rascal rash rashid
rasmussen raspberry rat ratchet rate rated rates rather ratification ratified rating ratings ratio ration rational
rationale rationality rationally rationing rations ratios rats rattle rattled rattling raul ravaged rave raven ravens
ravi ravine raving raw ray raymond rays razor rb rbi rbs rc rca rcmp rd re rea reach reached reaches reaching react
reacted reacting reaction reactionary reactions reactive reactor reactors reacts read readable reader readers
readership readily readiness reading readings reads ready reaffirmed reagan real realisation realise realised realises
realising realism realist realistic realistically realities reality realization realize realized realizes realizing
really realm realms realtor realty reap reaper reappear rear reared rearing rearrange reason reasonable reasonably
reasoned reasoning reasons reassurance reassure reassured reassuring rebate rebates rebecca rebel rebellion rebellious
rebels rebirth reboot reborn rebound rebounding rebounds rebuild rebuilding rebuilt rebuke rebuttal rec recall
recalled recalling recalls recap recapture receipt receipts receive received receiver receivers receives receiving
recent recently reception receptionist receptions receptive receptor receptors recess recession recharge recipe
recipes recipient recipients reciprocal reciprocity recital recite recited reciting reckless reckon reckoned reckoning
reclaim reclaimed reclaiming reclamation recognise recognised recognises recognising recognition recognizable
recognize recognized recognizes recognizing recoil recollection recollections recommend recommendation recommendations
recommended recommending recommends recon reconcile reconciled reconciliation reconnaissance reconnect reconsider
reconstruct reconstructed reconstruction record recorded recorder recorders recording recordings records recount
recounted recounts recourse recover recovered recoveries recovering recovers recovery recreate recreated recreating
recreation recreational recruit recruited recruiter recruiters recruiting recruitment recruits rectangle rectangular
rectify rector recurrence recurrent recurring recycle recycled recycling red redacted redding reddish reddit reddy
redeem redeemed redeemer redeeming redefine redemption redesign redesigned redevelopment redhead redirect redirected
redistribution redmond redneck redo redress reds redskins reduce reduced reduces reducing reduction reductions
redundancy redundant redwood reece reed reeds reef reefs reel reelection reeling reels rees reese reeves ref refer
referee referees reference referenced references referencing referendum referral referrals referred referring refers
refill refine refined refinement refineries refinery refining reflect reflected reflecting reflection reflections
reflective reflector reflects reflex reflexes reform reformation reformed reformer reformers reforming reforms refrain
refresh refreshed refreshing refreshments refrigerated refrigeration refrigerator refs refuge refugee refugees refund
refunded refunds refurbished refurbishment refusal refuse refused refuses refusing refute refuted reg regain regained
regaining regal regan regard regarded regarding regardless regards regency regenerate regeneration regenerative regent
regents reggae reggie regime regimen regiment regimental regiments regimes regina reginald region regional regions
regis register registered registering registers registrar registration registrations registry regression regret
regrets regretted regretting regroup regular regularity regularly regulars regulate regulated regulates regulating
regulation regulations regulator regulators regulatory rehab rehabilitate rehabilitation rehearsal rehearsals
rehearsed rehearsing rei reich reid reign reigned reigning reigns reilly reimburse reimbursed reimbursement rein
reincarnation reindeer reinforce reinforced reinforcement reinforcements reinforces reinforcing reins reinstate
reinstated reinvent reissue reiterate reiterated reject rejected rejecting rejection rejects rejoice rejoin rejoined
rel relapse relatable relate related relates relating relation relational relations relationship relationships
relative relatively relatives relativity relax relaxation relaxed relaxing relay relayed relays release released
releases releasing relegated relegation relentless relentlessly relevance relevant reliability reliable reliably
reliance reliant relic relics relied relief relies relieve relieved reliever relieving religion religions religious
religiously relinquish relish relive reload relocate relocated relocating relocation reluctance reluctant reluctantly
rely relying rem remade remain remainder remained remaining remains remake remanded remark remarkable remarkably
remarked remarks remarried remastered rematch rembrandt remedial remediation remedies remedy remember remembered
remembering remembers remembrance remind reminded reminder reminders reminding reminds remington reminiscent remission
remit remix remixes remnant remnants remodeled remodeling remorse remote remotely removable removal remove removed
removes removing remuneration remy ren renaissance renal rename renamed renault render rendered rendering renders
rendezvous rendition rene renee renegade renew renewable renewables renewal renewed renewing reno renounce renounced
renovate renovated renovation renovations renown renowned rent rental rentals rented renters renting rents reopen
reopened reopening reorganization reorganized rep repaid repair repaired repairing repairs reparations repatriation
repay repayment repeal repealed repealing repeat repeated repeatedly repeating repeats repel repent repentance
repercussions repertoire repetition repetitive replace replaced replacement replacements replaces replacing replay
replays replenish replica replicas replicate replicated replication replied replies reply replying repo report
reported reportedly reporter reporters reporting reports repository repost represent representation representations
representative representatives represented representing represents repressed repression repressive reprint reprinted
reprints reproduce reproduced reproducing reproduction reproductive reps reptile reptiles republic republican
republicans republics repulsed repulsive reputable reputation reputations reputed request requested requesting
requests requiem require required requirement requirements requires requiring requisite reread res resale rescheduled
rescinded rescue rescued rescues rescuing research researched researcher researchers researches researching
resemblance resemble resembled resembles resembling resent resented resentment reservation reservations reserve
reserved reserves reservoir reservoirs reset resettlement reside resided residence residences residency resident
residential residents resides residing residual residue residues resign resignation resigned resigning resigns
resilience resilient resin resist resistance resistant resisted resisting resistor resists resolute resolution
resolutions resolve resolved resolves resolving resonance resonant resonate resonates resort resorted resorting
resorts resounding resource resourceful resources respect respectable respected respectful respectfully respecting
respective respectively respects respiration respiratory respite respond responded respondent respondents responders
responding responds response responses responsibilities responsibility responsible responsibly responsive
responsiveness rest restart restarted restaurant restaurants rested resting restitution restless restoration restore
restored restores restoring restrain restrained restraining restraint restraints restrict restricted restricting
restriction restrictions restrictive restricts restroom restrooms restructure restructuring rests result resultant
resulted resulting results resume resumed resumes resuming resumption resurgence resurrect resurrected resurrection
ret retail retailer retailers retailing retain retained retainer retaining retains retake retaliate retaliation retard
retarded retention rethink rethinking retina retinal retire retired retirees retirement retires retiring retract
retracted retreat retreated retreating retreats retribution retrieval retrieve retrieved retrieving retro retrograde
retrospect retrospective return returned returning returns reuben reunification reunion reunite reunited reusable
reuse reused reuters rev revamp revamped reveal revealed revealing reveals revel revelation revelations revenge
revenue revenues revere revered reverence reverend reversal reverse reversed reverses reversible reversing revert
reverted review reviewed reviewer reviewers reviewing reviews revise revised revising revision revisions revisit
revisited revisiting revival revive revived reviving revoke revoked revolt revolting revolution revolutionaries
revolutionary revolutions revolve revolved revolver revolves revolving revue reward rewarded rewarding rewards rewind
reworked rewrite rewriting rewritten rex rey reyes reynolds reza rf rg rgb rh rhapsody rhea rhetoric rhetorical
rheumatoid rhine rhino rhinos rhode rhodes rhodesia rhyme rhymes rhys rhythm rhythmic rhythms ri ria rib ribbon
ribbons ribs ric rica rican ricardo rice rich richard richards richardson richer riches richest richie richly richmond
richness richter rick ricky rico rid ridden riddle riddled ride rider riders rides ridge ridges ridicule ridiculed
ridiculous ridiculously riding ridley rife riff riffs rifle rifles rift rig rigged rigging riggs right righteous
righteousness rightful rightfully rightly rights rigid rigor rigorous rigorously rigs rihanna riley rim rims rin ring
ringer ringing ringo rings rink rinse rio riot rioters rioting riots rip ripe ripley ripped ripper ripping ripple
ripples rips rise risen rises rising risk risked risking risks risky rita ritchie rite rites ritual rituals ritz rival
rivalries rivalry rivals river rivera rivers riverside riviera riyadh rizzo rj rl rm rms rn rna rnc ro roach road
roadblock roadmap roads roadshow roadside roadway roadways roam roaming roanoke roar roared roaring roast roasted
roasting rob robb robbed robber robberies robbers robbery robbie robbing robbins robby robe robert roberta roberto
roberts robertson robes robin robins robinson robo robot robotic robotics robots robson robust robyn roc rocco
rochdale roche rochelle rochester rock rocked rockefeller rocker rockers rocket rockets rockford rockies rockin
rocking rocks rockstar rockville rockwell rocky rod rode rodent rodents rodeo roderick rodgers rodney rodrigo
rodriguez rods roe roger rogers rogue rogues rohan roi roland role roles rolex rolf roll rolled roller rollercoaster
rollers rollin rolling rollins rollout rolls rom roma roman romance romances romania romanian romano romans romantic
romantically rome romeo romero romney romo ron ronald ronaldo ronan rondo ronnie roo roof roofing roofs rooftop
rooftops rook rookie rookies room roommate roommates rooms rooney roosevelt roost rooster roosters root rooted rooting
roots rope roper ropes rory ros rosa rosario rosary roscoe rose rosemary rosen rosenberg rosenthal roses rosetta rosie
ross rossi roster rosters roswell rosy rot rotary rotate rotated rotates rotating rotation rotational rotations roth
rotherham rothschild rotor rotten rotterdam rotting rouge rough roughly roulette round roundabout rounded rounder
rounding rounds roundtable roundup rouse rousseau rout route routed router routers routes routine routinely routines
routing routledge roux rover rovers row rowan rowdy rowe rower rowing rowland rowley rowling rows roxy roy royal
royale royals royalties royalty royce rp rpg rpm rr rs rsa rss rsvp rt rts ru rub rubbed rubber rubbing rubbish rubble
ruben rubin rubio rubles rubs ruby rudd rudder ruddy rude rudimentary rudolf rudolph rudy rue ruff rufus rug rugby
rugged rugs ruin ruined ruining ruins ruiz rule ruled ruler rulers rules ruling rulings rum rumble rumor rumored
rumors rumour rumoured rumours rump run runaway rundown rune rung runner runners runnin running runoff runs runtime
runway runways rupee rupees rupert rupture ruptured rural rus ruse rush rushed rushes rushing russ russel russell
russia russian russians russo rust rustic rusty rut rutgers ruth rutherford ruthless rv rw rwanda rx ryan ryder rye
ryu s sa saab saban sabbath saber sabha sabine sabotage sabre sabres sabrina sac sachs sack sacked sacking sacks
sacrament sacramento sacred sacrifice sacrificed sacrifices sacrificial sacrificing sad saddam saddened saddest saddle
sadie sadistic sadly sadness sae saeed safari safe safeguard safeguarding safeguards safely safer safest safety
saffron sag saga sage sahara saharan sahib sai said saigon sail sailed sailing sailor sailors sails saint saints sake
sakura sal salaam salad salads salah salam salaries salary salazar sale saleh salem sales salesman salford salient
salim saline salisbury saliva salle sally salman salmon salmonella salon salons saloon salsa salt salted salts
saltwater salty salute salvador salvage salvaged salvation salvatore salzburg sam sama samantha samaritan samba same
sami samir sammy samoa sample sampled sampler samples sampling sampson samson samsung samuel samuels samurai san sana
sanchez sanction sanctioned sanctions sanctity sanctuary sand sandals sandbox sanders sanderson sandler sandra sands
sandstone sandwich sandwiches sandy sane sanford sang sanitary sanitation sanity sanjay sank sans sanskrit santa
santana santander santiago santo santos sao sap sapphire sar sara sarah sarajevo sarasota saratoga sarcasm sarcastic
sargent sari sas sash sasha saskatchewan sassy sat sata satan satanic satellite satellites satin satire satirical
satisfaction satisfactory satisfied satisfies satisfy satisfying sato saturated saturation saturday saturdays saturn
sauce saucepan saucer sauces saudi saudis saul sauna saunders sausage sausages savage savages savannah save saved
saver saves saving savings savior saviour savory savoy savvy saw sawyer sax saxon saxons saxophone say sayin saying
sayings says sb sbs sc scaffold scaffolding scala scale scaled scales scaling scalp scam scammers scams scan scandal
scandalous scandals scandinavia scandinavian scanned scanner scanners scanning scans scant scapegoat scar scarborough
scarce scarcely scarcity scare scarecrow scared scares scarf scarier scariest scaring scarlet scarlett scarred
scarring scars scarves scary scatter scattered scattering scavenger scenario scenarios scene scenery scenes scenic
scent scented scents sceptical sch schedule scheduled schedules scheduling schema schematic scheme schemes scheming
schiff schiller schism schizophrenia schizophrenic schmidt schneider scholar scholarly scholars scholarship
scholarships scholastic scholes school schoolboy schooled schoolers schoolgirl schooling schools schooner schroeder
schultz schulz schumacher schumer schuster schwartz schwarzenegger sci science sciences scientific scientifically
scientist scientists scientology scion scissors sclerosis scooby scoop scooped scooter scooters scope scorched
scorching score scoreboard scored scoreless scorer scorers scores scoring scorn scorpio scorpion scorpions scot scotch
scotia scotland scots scotsman scott scottish scottsdale scotty scotus scourge scout scouting scouts scrabble scramble
scrambled scrambling scranton scrap scrape scraped scraping scrapped scrapping scrappy scraps scratch scratched
scratches scratching scream screamed screaming screams screeching screen screened screening screenings screenplay
screens screenshot screenshots screenwriter screw screwdriver screwed screwing screws scribe scrimmage script scripted
scripting scripts scripture scriptures scroll scrolling scrolls scrub scrubbed scrubbing scrubs scrum scrutiny scuba
scully sculpted sculptor sculpture sculptures scum scumbag sd sdf sds se sea seaboard seafood seagull seahawks seal
sealed sealing seals seam seaman seamless seamlessly seams seamus sean search searched searches searching sears seas
seaside season seasonal seasonally seasoned seasoning seasons seat seatbelt seated seater seating seats seattle
seawater seaweed seaworld sebastian sec secession secluded second secondary seconded secondhand secondly seconds
secrecy secret secretariat secretaries secretary secretion secretive secretly secrets secs sect sectarian section
sectional sections sector sectors sects secular secularism secure secured securely secures securing securities
security sedan sedentary sediment sedimentary sediments sedition seduce seduced seduction seductive see seed seeded
seeding seedlings seeds seeing seek seeker seekers seeking seeks seem seemed seeming seemingly seems seen seer sees
sega segment segmentation segmented segments segregated segregation seine seinfeld seismic seize seized seizing
seizure seizures seldom select selected selecting selection selections selective selectively selector selects selena
self selfie selfies selfish selfishness selfless sell seller sellers selling sells selma selves sem semantic semantics
semblance semen semester semesters semi semiconductor semifinal semifinals seminal seminar seminars seminary semis
semitic semitism sen senate senator senators send sender sending sends seneca senegal senior seniority seniors sens
sensation sensational sensations sense sensed sensei senseless senses sensibilities sensibility sensible sensing
sensitive sensitivity sensor sensors sensory sensual sent sentence sentenced sentences sentencing sentient sentiment
sentimental sentiments sentinel sentry seo seoul sep separate separated separately separates separating separation
separatist separatists sephora sepsis sept september septic seq sequel sequels sequence sequences sequencing
sequential ser sera serb serbia serbian serbs serena serene serenity serge sergeant sergei sergey sergio serial serie
series serious seriously seriousness sermon sermons serotonin serpent serpentine serum servant servants serve served
server servers serves service serviced servicemen services servicing serving servings servitude ses sesame session
sessions set setback setbacks seth sets setting settings settle settled settlement settlements settler settlers
settles settling setup seung seven sevens seventeen seventeenth seventh seventies seventy sever several severance
severe severed severely severity severn sevilla seville sew sewage seward sewer sewers sewing sewn sex sexes sexiest
sexism sexist sexton sexual sexuality sexually sexy seymour sf sg sgt sh sha shabby shack shackles shade shaded shades
shading shadow shadows shadowy shady shaft shafts shag shaggy shah shahid shake shaken shaker shakes shakespeare
shaking shaky shale shall shallow shalom shalt sham shaman shambles shame shamed shameful shameless shaming shampoo
shan shane shanghai shank shannon shape shaped shapes shaping shapiro shaq shard shards share shared shareholder
shareholders shares sharia sharif sharing shark sharks sharma sharon sharp sharpe sharpen sharpened sharpening sharper
sharply sharpness shatter shattered shattering shaun shave shaved shaving shaw shawl shawn shay she shea shear sheath
shed shedding sheds sheehan sheen sheep sheer sheeran sheet sheets sheffield sheik sheikh sheila shelby sheldon shelf
shell shelled shelley shellfish shelling shells shelly shelter sheltered shelters shelton shelved shelves shen
shenanigans shenzhen shepard shepherd shepherds sheppard sheridan sheriff sheriffs sherlock sherman sherry sherwood
sheryl shes shetland shh shhh shi shia shield shielded shielding shields shift shifted shifter shifting shifts
shilling shillings shin shine shines shingles shining shinji shiny ship shipbuilding shipment shipments shipped
shipper shippers shipping ships shipwreck shipyard shire shirley shirt shirtless shirts shit shite shits shitting
shitty shiv shiva shiver shivering sho shock shocked shocker shocking shockingly shocks shoddy shoe shoemaker shoes
shone shook shoot shooter shooters shooting shootings shootout shoots shop shopped shopper shoppers shopping shops
shore shoreline shores short shortage shortages shortcomings shortcut shortcuts shorten shortened shortening shorter
shortest shortfall shorthand shortlist shortlisted shortly shorts shortstop shorty shot shotgun shotguns shots should
shoulda shoulder shoulders shouldnt shout shouted shouting shouts shove shoved shovel shoving show showbiz showcase
showcased showcases showcasing showdown showed shower showered showering showers showing shown showroom shows showtime
shrapnel shred shredded shreds shrek shrewd shrewsbury shri shrimp shrine shrines shrink shrinking shrinks shropshire
shroud shrub shrubs shrug shrugged shrugs shrunk shu shudder shuffle shuffling shui shun shunned shut shutdown shutout
shuts shutter shutters shutting shuttle shy si sia siam siberia siberian sibling siblings sic sichuan sicilian sicily
sick sickening sickle sickly sickness sid side sidebar sided sidekick sideline sidelined sidelines sides sidewalk
sidewalks sideways siding sidney sie siege siegel siegfried siemens sierra sieve sift sig sigh sighed sighs sight
sighted sighting sightings sights sightseeing sigma sign signage signal signaled signaling signalling signals
signatories signature signatures signed significance significant significantly signifies signify signing signings
signs signup sikh sikhs silas silence silenced silencing silent silently silhouette silica silicon silicone silk silky
sill silly silo silva silver silverman silverware silvery silvio sim simeon similar similarities similarity similarly
simmer simmons simms simon simone simons simple simpler simplest simplicity simplified simplify simplifying simplistic
simply simpson simpsons sims simulate simulated simulation simulations simulator simultaneous simultaneously sin sinai
sinatra since sincere sincerely sincerity sinclair sine sinful sing singapore singer singers singh singing single
singled singles singleton sings singular singularity sinister sink sinking sinks sinn sinned sinner sinners sino sins
sinus sion sioux sip sipping sir sire siren sirens siri sirius sis sissy sister sisters sit sitcom site sites sits
sitter sittin sitting situ situated situation situational situations six sixers sixteen sixteenth sixth sixties sixty
sizable size sizeable sized sizes sizing sizzling sj sk ska skate skateboard skateboarding skater skaters skates
skating skeletal skeleton skeletons skeptical skepticism skeptics sketch sketches sketching sketchy skew skewed ski
skid skier skiers skies skiing skill skilled skillet skillful skills skim skimming skin skincare skinned skinner
skinny skins skip skipped skipper skipping skips skirmish skirt skirts skis skit skull skulls skunk sky skydiving skye
skyline skype skyscraper skyscrapers skywalker sl slab slabs slack slade slag slain slalom slam slammed slamming slams
slander slang slant slap slapped slapping slaps slash slashed slashing slate slated slater slaughter slaughtered
slaughtering slave slavery slaves slavic slay slayer slaying sleazy sled sledge sleek sleep sleeper sleepers sleeping
sleepless sleeps sleepy sleeve sleeves slender slept slew slice sliced slices slicing slick slid slide slider slides
sliding slight slightest slightly slim slime slimy sling slip slipped slipper slippers slippery slipping slips slit
sloan sloane slogan slogans slope slopes sloping sloppy slot sloth slots slotted slough slovak slovakia slovenia slow
slowdown slowed slower slowest slowing slowly slows sludge slug sluggish slugs slum slumber slump slumped slums slur
slurs slut sluts slutty sly sm smack smackdown smacked smacking smacks small smaller smallest smallpox smart smarter
smartest smartphone smartphones smartwatch smash smashed smashes smashing sme smear smeared smell smelled smelling
smells smelly smes smh smile smiled smiles smiley smiling smirk smith smiths smithsonian smitten smog smoke smoked
smoker smokers smokes smokey smoking smoky smooth smoother smoothie smoothies smoothing smoothly smothered sms smug
smuggle smuggled smugglers smuggling smurf smyth sn snack snacks snag snail snails snake snakes snap snapchat snapped
snapper snapping snappy snaps snapshot snapshots snare snatch snatched sneak sneaker sneakers sneaking sneaks sneaky
sneeze sneezing snickers sniff sniffing snipe sniper snipers snippet snippets snitch snl snooker snoop snooping
snoring snort snout snow snowball snowboard snowboarding snowden snowfall snowflake snowflakes snowing snowman snowy
snp snuck snuff snug snuggle snyder so soak soaked soaking soap soaps soar soared soaring sob sobbing sober sobriety
sobs soc soccer sochi social socialism socialist socialists socialization socialize socially societal societies
society socio socioeconomic sociological sociologist sociology sociopath sock socket sockets socks socrates sod soda
sodium sofa sofia soft softball soften softened softening softer softly software soggy soho soil soils sol solace
solar sold solder soldier soldiers sole soleil solely solemn solemnly soles solicit solicitation soliciting solicitor
solicitors solid solidarity solidified solidly solids solitaire solitary solitude solo soloist solomon solos solstice
soluble solution solutions solve solved solvent solvents solves solving som soma somali somalia somber some somebody
someday somehow someone someones someplace somerset somerville somethin something somethings sometime sometimes
somewhat somewhere son sonar sonata song songs songwriter songwriters songwriting sonia sonic sonny sonoma sons sony
sonya soo soon sooner sooo soooo sooooo soot soothe soothing sophia sophie sophisticated sophistication sophomore
soprano sopranos sorcerer sorcery sore sorely soreness sores sorority soros sorrow sorrows sorry sort sorta sorted
sorting sorts sos soto sought soul soulful souls sound soundcloud sounded sounding sounds soundtrack soup soups sour
source sourced sources sourcing sous south southampton southbound southeast southeastern southend southern southerners
southport southward southwark southwest southwestern souvenir souvenirs sovereign sovereignty soviet soviets sow
sowing sox soy soybean sp spa space spacecraft spaced spaces spaceship spacex spacing spacious spade spades spaghetti
spain spam spamming span spaniard spaniards spanish spank spanking spanned spanning spans spar spare spared spares
sparing sparingly spark sparked sparking sparkle sparkling sparkly sparks sparring sparrow sparse sparsely sparta
spartan spartans spat spatial spawn spawned spawning spd speak speaker speakers speaking speaks spear spearheaded
spears spec special specialised specialises specialising specialist specialists speciality specialization specialize
specialized specializes specializing specially specials specialties specialty species specific specifically
specification specifications specificity specifics specified specifies specify specifying specimen specimens speck
specs spectacle spectacles spectacular spectacularly spectator spectators specter spectra spectral spectre
spectroscopy spectrum speculate speculated speculating speculation speculative sped speech speeches speechless speed
speeding speeds speedway speedy spell spelled spelling spells spelt spence spencer spend spending spends spent sperm
spewing sphere spheres spherical sphinx spice spiced spicer spices spicy spider spiderman spiders spied spiegel
spielberg spies spike spiked spikes spill spilled spilling spills spin spinach spinal spindle spine spines spinner
spinners spinning spinoff spins spiral spire spirit spirited spirits spiritual spirituality spiritually spit spite
spits spitting splash splashed splashing spleen splendid splendor splinter split splits splitting spock spoil spoiled
spoiler spoilers spoiling spoils spoilt spokane spoke spoken spokesman spokesperson spokeswoman sponge spongebob
sponges sponsor sponsored sponsoring sponsors sponsorship spontaneous spontaneously spoof spooked spooky spoon spoons
sporadic spore spores sport sporting sports sportsman sportsmanship sporty spot spotify spotless spotlight spots
spotted spotting spouse spouses spout spp sprained sprang sprawling spray sprayed spraying sprays spread spreading
spreads spreadsheet spree spring springer springfield springs springsteen springtime sprinkle sprinkled sprinkler
sprint sprinter sprinting sprints sprite sprout sprouts spruce sprung spun spur spurred spurs spy spying sq sql squad
squadron squadrons squads square squared squarely squares squash squat squats squeaky squeeze squeezed squeezing squid
squire squirrel squirrels squirt squishy sr sri ss ssc ssd sse ssh ssr st sta stab stabbed stabbing stability
stabilization stabilize stabilized stabilizing stable stables stabs stacey stack stacked stacking stacks stacy stadium
stadiums staff staffed staffer staffers staffing stafford staffordshire staffs stag stage staged stages staggered
staggering staging stagnant stagnation stain stained staining stainless stains stair staircase stairs stairway stake
stakeholder stakeholders stakes stale stalemate stalin stalk stalked stalker stalking stalks stall stalled stalling
stallion stalls stamford stamina stamp stamped stampede stamping stamps stan stance stances stand standalone standard
standardization standardized standards standby standing standings standoff standout standpoint stands standstill
stanford stanley stanton stanza staple staples star starboard starbucks starch stardom stardust stare stared stares
starfish stargate staring stark starlight starling starr starred starring starry stars starship start started starter
starters starting startled startling starts startup startups starvation starve starved starving stash stat state
stated statehood stately statement statements staten states statesman statewide static stating station stationary
stationed stationery stations statistic statistical statistically statistics stats statue statues stature status
statute statutes statutory staunch stave stay stayed staying stays std ste stead steadfast steadily steady steak
steaks steal stealing steals stealth steam steamboat steamed steamer steaming steamship steamy steel steele steelers
steep steeped steer steered steering stefan stefano stein steinberg steiner stella stellar stem stemmed stemming stems
stench step stepfather steph stephan stephanie stephen stephens stephenson stepmother stepped stepping steps stereo
stereotype stereotypes stereotypical sterile sterilization sterling stern steroid steroids steve steven stevens
stevenson stevie stew steward stewards stewardship stewart sti stick sticker stickers sticking sticks sticky stiff
stiffness stifle stigma stiles still stills stimulant stimulate stimulated stimulates stimulating stimulation stimuli
stimulus sting stinging stings stingy stink stinking stinks stinky stint stipend stipulated stir stirling stirred
stirring stitch stitched stitches stitching stochastic stock stocked stockholders stockholm stocking stockings
stockpile stocks stockton stoic stoke stoked stokes stole stolen stomach stomachs stomp stomping stone stoned stoner
stones stony stood stool stools stoop stop stoppage stopped stopper stopping stops storage store stored stores storey
stories storing storm stormed storming storms stormy story storyline storylines storyteller storytelling stout stove
stoves stow str straight straighten straightened straightforward strain strained straining strains strait straits
strand stranded strands strange strangely stranger strangers strangest strangle strangled strap strapped straps
strasbourg strata strategic strategically strategies strategist strategy stratford stratton strauss straw strawberries
strawberry straws stray streak streaks stream streamed streamer streaming streamline streamlined streams streep street
streetcar streets strength strengthen strengthened strengthening strengthens strengths strenuous stress stressed
stresses stressful stressing stretch stretched stretcher stretches stretching strewn stricken strickland strict
stricter strictly stride strides strife strike striker strikers strikes striking strikingly string stringent stringer
strings strip stripe striped stripes stripped stripper strippers stripping strips strive strives striving stroke
strokes stroking stroll stroller strolling strong stronger strongest stronghold strongly struck structural
structurally structure structured structures struggle struggled struggles struggling strung strut sts stu stuart stub
stubborn stubbs stuck stud studded student students studied studies studio studios studs study studying stuff stuffed
stuffing stuffs stuffy stumble stumbled stumbles stumbling stump stumps stun stung stunned stunning stunt stunts
stupid stupidest stupidity sturdy sturgeon sturridge stuttering stuttgart style styled styles styling stylish stylist
stylistic stylized stylus su suarez sub subaru subbed subclass subcommittee subconscious subdivided subdivision
subdivisions subdue subdued subgroup subject subjected subjective subjects sublime submarine submarines submerged
submission submissions submissive submit submits submitted submitting subordinate subordinates subpoena subs subscribe
subscribed subscriber subscribers subscribing subscription subscriptions subsection subsequent subsequently subset
subsided subsidiaries subsidiary subsidies subsidized subsidy subsistence substance substances substantial
substantially substantive substitute substituted substitutes substituting substitution substrate substrates
subterranean subtitle subtitles subtle subtlety subtly subtract subunit suburb suburban suburbs subversion subversive
subway succeed succeeded succeeding succeeds success successes successful successfully succession successive
successively successor successors succulent succumb succumbed such suck sucked sucker suckers sucking sucks suction
sudan sudanese sudden suddenly sue sued suede sues suez suffer suffered sufferers suffering suffers suffice
sufficiency sufficient sufficiently suffix suffocating suffolk suffrage sugar sugars sugary suggest suggested
suggesting suggestion suggestions suggestive suggests sui suicidal suicide suicides suing suisse suit suitability
suitable suitably suitcase suitcases suite suited suites suits suk sulfate sulfur sullivan sully sulphur sultan sum
sumatra summaries summarize summarized summarizes summary summed summer summers summertime summit summits summon
summoned summoning summons sumner sumo sumptuous sums sun sundance sunday sundays sunderland sunflower sung sunglasses
sunk sunken sunlight sunni sunny sunrise suns sunscreen sunset sunsets sunshine sup super superannuation superb
superbly superbowl supercar superficial superfluous supergirl superhero superheroes superhuman superintendent superior
superiority superiors superman supermarket supermarkets supermodel supernatural supernova superpower superpowers
superseded supersonic superstar superstars superstition superstitious supervise supervised supervising supervision
supervisor supervisors supervisory supper supplement supplemental supplementary supplemented supplements supplied
supplier suppliers supplies supply supplying support supported supporter supporters supporting supportive supports
suppose supposed supposedly suppress suppressed suppressing suppression supra supremacist supremacy supreme supremely
sur surcharge sure surely surf surface surfaced surfaces surfer surfers surfing surge surged surgeon surgeons
surgeries surgery surges surgical surgically surging surname surpass surpassed surpasses surpassing surplus surprise
surprised surprises surprising surprisingly surreal surrender surrendered surrendering surrey surrogate surround
surrounded surrounding surroundings surrounds surveillance survey surveyed surveying surveyor surveyors surveys
survival survive survived survives surviving survivor survivors sus susan susanna susceptibility susceptible sushi
susie suspect suspected suspects suspend suspended suspending suspense suspension suspensions suspicion suspicions
suspicious suspiciously sussex sustain sustainability sustainable sustained sustaining sutherland sutter sutton suture
suv suvs suzanne suzuki suzy sv sven sw swag swagger swain swallow swallowed swallowing swallows swam swami swamp
swamps swan swann swans swansea swanson swap swapped swapping swaps swarm swarming swat sway swayed swaying swear
swearing swears sweat sweater sweaters sweating sweats sweatshirt sweaty swede sweden swedes swedish sweeney sweep
sweeping sweeps sweepstakes sweet sweetened sweeter sweetest sweetheart sweetie sweetly sweetness sweets swell swelled
swelling swells swept swift swiftly swim swimmer swimmers swimming swims swimsuit swimwear swindon swine swing
swinging swings swipe swirl swirling swiss switch switched switches switching switzerland swollen swoop sword swords
swore sworn swung sxsw sy syd sydney syed sykes syllable syllables syllabus sylvester sylvia symbol symbolic symbolism
symbolize symbolizes symbols symmetric symmetrical symmetry sympathetic sympathies sympathize sympathy symphony
symposium symptom symptomatic symptoms syn synagogue synaptic sync synchronization synchronized synchronous syndicate
syndicated syndrome synergy synod synonym synonymous synonyms synopsis syntax synth synthesis synthesized synthetic
syphilis syracuse syria syrian syrians syringe syrup system systematic systematically systemic systems são t ta tab
tabernacle table tables tablespoon tablespoons tablet tabletop tablets tabloid taboo tabs tac tack tackle tackled
tackles tackling tacky taco tacoma tacos tact tactic tactical tactics tactile tad tae taft tag tagged tagging tagline
tags tahiti tahoe tai tail tailed tailgate tailor tailored tailoring tails tainted taipei taiwan taiwanese taj
tajikistan tak take takeaway takedown taken takeoff takeover taker takers takes takin taking tal talbot tale talent
talented talents tales taliban talisman talk talked talkin talking talks tall tallahassee taller tallest tally tam
tamara tame tamed tamil tammy tampa tampering tampons tan tanaka tandem tang tangent tangible tangle tangled tango
tania tank tanker tankers tanks tanned tanner tanning tantrum tanya tanzania tao tap tape taped taper tapered tapering
tapes tapestry taping tapped tapping taps tar tara tarantino tardis target targeted targeting targets tariff tariffs
tariq tarmac tarot tart tarzan tas taser task tasked tasks tasmania tasmanian taste tasted tasteful tasteless tastes
tasting tasty tat tata tate tatiana tattoo tattooed tattoos tatum tau taught taunting taurus tavern tax taxable
taxation taxed taxes taxi taxing taxis taxonomy taxpayer taxpayers tay taylor tb tbh tbs tbsp tc tcp tcu td tds te tea
teach teacher teachers teaches teaching teachings teal team teamed teaming teammate teammates teams teamwork tear
tearing tears teas tease teased teaser teasing teaspoon tec tech technical technically technician technicians
technique techniques techno technological technologically technologies technology tectonic ted teddy tedious tee teen
teenage teenager teenagers teens teeny tees teeth teh tehran tel tele telecast telecom telecommunication
telecommunications telegram telegraph telemetry telephone telephones telescope telescopes televised television
televisions tell teller tellin telling tells telly telugu temp tempe temper temperament temperance temperate
temperature temperatures tempered tempest templar template templates temple temples templeton tempo temporal
temporarily temporary temps tempt temptation temptations tempted tempting ten tenacious tenacity tenancy tenant
tenants tend tended tendencies tendency tender tendered tenderness tenders tending tendon tendons tends tenet tenets
tenn tennant tennessee tennis tenor tens tense tension tensions tensor tent tentacles tentative tentatively tenth
tents tenuous tenure tequila ter terence teresa term termed terminal terminally terminals terminate terminated
terminating termination terminator terminology terminus terms terra terrace terraced terraces terrain terre terrence
terrestrial terri terrible terribly terrier terrific terrified terrifying territorial territories territory terror
terrorism terrorist terrorists terry tertiary tesco tesla tess tessa test testament tested tester testers testicles
testified testifies testify testifying testimonial testimonies testimony testing testosterone tests tex texan texans
texas text textbook textbooks texted textile textiles texting texts textual texture textured textures tf tfw tg th tha
thai thailand thames than thank thanked thankful thankfully thanking thanks thanksgiving thankyou that thatcher thats
thaw thc the theater theaters theatre theatres theatrical thee theft their theirs thelma them thematic theme themed
themes themselves then thence theo theodore theologian theologians theological theology theorem theoretical
theoretically theories theorist theorists theory ther therapeutic therapeutics therapies therapist therapists therapy
there thereafter thereby therefore therein thereof theres theresa thermal thermodynamics thermometer thermostat these
theses thesis theta they theyre thi thick thicker thickness thief thierry thieves thigh thighs thin thine thing things
thingy think thinker thinkers thinkin thinking thinks thinly thinner thinning third thirdly thirds thirst thirsty
thirteen thirteenth thirties thirty this thistle tho thom thomas thompson thomson thong thor thoracic thorn thorne
thorns thornton thorough thoroughly thorpe those thou though thought thoughtful thoughts thousand thousands thrash
thread threaded threads threat threaten threatened threatening threatens threats three threes threesome threshold
thresholds threw thrice thrift thrill thrilled thriller thrilling thrills thrive thrived thrives thriving throat
throats throbbing throne thrones throttle through throughout throughput throw throwback throwing thrown throws thru
thrust thu thug thugs thumb thumbnail thumbs thumping thunder thunderbolt thunderstorm thunderstorms thursday
thursdays thurston thus thwart thwarted thx thy thyme thyroid ti tia tian tibet tibetan tic tick ticked ticker ticket
ticketing tickets ticking tickle tickled ticks tidal tide tides tidy tie tied tier tiered tiers ties tiff tiffany
tiger tigers tight tighten tightened tightening tighter tightly tights tijuana tiki til tile tiled tiles till tilt
tilted tilting tim timber timberlake timbers time timed timeframe timeless timeline timelines timely timeout timer
timers times timetable timid timing timmy timor timothy tin tina tinder ting tinged tingling tiniest tinker tins tint
tinted tiny tip tipped tipping tips tire tired tireless tirelessly tires tiresome tiring tis tissue tissues tit titan
titanic titanium titans title titled titles tito tits titties titty titus tj tk tl tlc tm tmz tn tna tnt to toad toast
toasted toaster tobacco tobago tobias tobin toby tod today todays todd toddler toddlers toe toes tofu together toggle
togo toil toilet toilets token tokens tokyo told toledo tolerable tolerance tolerant tolerate tolerated tolkien toll
tolls tolstoy tom tomas tomato tomatoes tomb tombs tombstone tome tomlinson tommy tomography tomorrow toms ton tonal
tone toned toner tones tong tonga tongue tongues toni tonic tonight tonne tonnes tons tony too took tool toolkit tools
toon toot tooth toothbrush toothed toothpaste top topeka topic topical topics topless topographic topography topology
topped topper topping toppings tops tor torah torch torches tore tori tories torment tormented torn tornado tornadoes
toro toronto torpedo torpedoes torque torrance torrent torres torso tort tortilla tortoise torture tortured torturing
tory tos toshiba toss tossed tossing tot total totaled totaling totalitarian totalling totally totals tote totem toto
tots tottenham touch touchdown touchdowns touched touches touching touchscreen touchy tough tougher toughest toughness
toulon toulouse tour toured touring tourism tourist tourists tournament tournaments tourney tours tout touted tow
toward towards towed towel towels tower towering towers towing town townhouse towns townsend township townships
townsville toxic toxicity toxicology toxin toxins toy toyota toys tp tpp tr tra trace traced tracer traces tracey
tracing track tracked tracker trackers tracking tracks tract traction tractor tractors tracts tracy trade traded
trademark trademarks trader traders trades trading tradition traditional traditionally traditions trafalgar traffic
trafficked traffickers trafficking trafford tragedies tragedy tragic tragically trail trailed trailer trailers
trailing trails train trained trainee trainees trainer trainers training trains trait traitor traitors traits
trajectory tram tramp trampled trampoline trams tran trance tranquil tranquility trans transaction transactions
transatlantic transcend transcendental transcends transcribed transcript transcription transcripts transfer
transferable transferred transferring transfers transform transformation transformational transformations
transformative transformed transformer transformers transforming transforms transfusion transgender transient
transistor transistors transit transition transitional transitioned transitioning transitions translate translated
translates translating translation translational translations translator translators translucent transmission
transmissions transmit transmits transmitted transmitter transmitters transmitting transnational transparency
transparent transpired transplant transplantation transplanted transplants transponder transport transportation
transported transporter transporting transports transverse trap trapped trapping traps trash trashed trashy trauma
traumatic traumatized travel traveled traveler travelers traveling travelled traveller travellers travelling travels
travers traverse travesty travis tray trays tre treacherous treachery tread treadmill treason treasure treasured
treasurer treasures treasury treat treated treaties treating treatise treatment treatments treats treaty treble tree
trees trek trekking tremble trembling tremendous tremendously tremor trench trenches trend trending trends trendy
trent trenton tres trespass trespassing trevor trey tri triad trial trials triangle triangles triangular triathlon
tribal tribe tribes tribunal tribunals tribune tributaries tributary tribute tributes trick tricked tricking trickle
tricks tricky trident tried tries trigger triggered triggering triggers trillion trillions trilogy trim trimester
trimmed trimming trinidad trinity trio trip triple tripled triplets tripod tripoli tripped tripping trips tris trish
tristan triumph triumphant triumphs trivia trivial trojan trojans troll trolley trolling trolls tron troop trooper
troopers troops trope tropes trophies trophy tropical tropics trot trouble troubled troubles troublesome troubling
trough troupe trousers trout trove troy tru truce truck trucking trucks trudeau true truffle truly truman trump
trumpet trumpets trumps truncated trunk trunks truss trust trusted trustee trustees trusting trusts trustworthy trusty
truth truthful truthfully truths try tryin trying ts tsa tsar tsk tsp tsunami tt tu tub tube tuberculosis tubes tubing
tubs tubular tuck tucked tucker tucson tudor tue tuesday tuesdays tufts tug tuition tulip tully tulsa tum tumble
tumbled tumbling tumblr tummy tumor tumors tumour tumours tumultuous tuna tundra tune tuned tunes tung tungsten tunic
tuning tunis tunisia tunisian tunnel tunnels turbine turbines turbo turbulence turbulent turd turf turin turing turk
turkey turkeys turkish turks turmoil turn turnaround turnbull turned turner turning turnout turnover turnovers
turnpike turns turquoise turret turrets turtle turtles tuscan tuscany tutor tutorial tutorials tutoring tutors tutu
tuxedo tv tvs tw twain twas twat tweak tweaked tweaking tweaks tweed tweet tweeted tweeting tweets twelfth twelve
twenties twentieth twenty twice twig twigs twilight twin twinkle twins twist twisted twister twisting twists twitch
twitter two tx txt ty tycoon tying tyler tyne type typed types typewriter typhoon typical typically typing typo
typography typos tyranny tyrant tyre tyres tyrion tyrone tyson tzu u ua uae uber ubiquitous ubuntu uc ucl ucla uconn
ud ue uefa uf ufc ufo uganda ugandan ugh ugly uh uhh uhhh uhm ui uk ukip ukraine ukrainian ukrainians ukulele ul ulcer
ulcers ulrich ulster ultimate ultimately ultimatum ultra ultrasonic ultrasound ultraviolet ultron ulysses um umar
umbilical umbrella umbrellas umm ummm ump umpire umpires un una unable unacceptable unaffected unanimous unanimously
unannounced unanswered unarmed unattended unattractive unauthorised unauthorized unavailable unavoidable unaware
unbalanced unbearable unbeatable unbeaten unbelievable unbelievably unbiased unborn unbreakable unbroken unc uncanny
uncensored uncertain uncertainties uncertainty unchanged uncharted unchecked uncle unclean unclear uncles
uncomfortable uncomfortably uncommon uncompromising unconditional unconditionally unconfirmed unconscious
unconsciously unconstitutional uncontrollable uncontrolled unconventional uncover uncovered uncovering uncut und
undated undead undecided undefeated undefined undeniable undeniably under underage undercover undercut underdog
underestimate underestimated undergo undergoes undergoing undergone undergraduate undergraduates underground
underlined underlying undermine undermined undermines undermining underneath underrated underside understand
understandable understandably understanding understands understated understatement understood undertake undertaken
undertaker undertaking undertook underwater underway underwear underwent underwood underworld underwriting undesirable
undetected undeveloped undisclosed undiscovered undisputed undivided undo undocumented undoing undone undoubtedly
undue une unearthed uneasy uneducated unemployed unemployment unequal unequivocally unesco unethical uneven unexpected
unexpectedly unexplained unfair unfairly unfaithful unfamiliar unfavorable unfinished unfit unfold unfolded unfolding
unfolds unforeseen unforgettable unforgivable unfortunate unfortunately unfounded unfriendly ungrateful unhappiness
unhappy unharmed unhealthy unheard unhinged unholy uni unicef unicorn unicorns unidentified unification unified
uniform uniformed uniformity uniformly uniforms unify unifying unilateral unilaterally unimaginable unimportant
uninhabited uninsured unintended unintentional unintentionally uninterested uninterrupted union unionist unionists
unions unique uniquely uniqueness unisex unison unit unitary unite united unites uniting units unity univ universal
universally universe universes universities university unix unjust unjustified unknowingly unknown unlawful unlawfully
unleash unleashed unless unlicensed unlike unlikely unlimited unload unloaded unloading unlock unlocked unlocking
unlucky unmanned unmarked unmarried unmatched unmistakable unnamed unnatural unnecessarily unnecessary unnoticed uno
unofficial unorthodox unpack unpaid unparalleled unplanned unpleasant unplugged unpopular unprecedented unpredictable
unprepared unproductive unprofessional unprotected unpublished unqualified unquestionably unravel unreal unrealistic
unreasonable unregistered unregulated unrelated unreleased unreliable unresolved unrest unrestricted unruly unsafe
unsatisfactory unscrupulous unsecured unseen unsettled unsettling unsigned unskilled unsolicited unsolved unspeakable
unspecified unspoken unstable unstoppable unsubscribe unsuccessful unsuccessfully unsuitable unsure unsurprisingly
unsuspecting unsustainable untenable unthinkable until untimely untitled unto untold untouchable untouched untrained
untreated untrue unused unusual unusually unveil unveiled unveiling unveils unwanted unwarranted unwavering unwelcome
unwell unwilling unwillingness unwind unwise unwittingly unworthy unwritten up upbeat upbringing upcoming update
updated updates updating upfront upgrade upgraded upgrades upgrading upheaval upheld uphill uphold upholding upi
upkeep upland uplift uplifting upload uploaded uploading uploads upon upped upper upright uprising uproar ups upscale
upset upsets upsetting upside upstairs upstate upstream uptake upto upton uptown upward upwards ur uranium uranus
urban urbana urbanization urdu urge urged urgency urgent urgently urges urging uri urinary urine url urn ursula
uruguay us usa usability usable usaf usage usb usc usd usda use used useful usefulness useless user username users
uses usgs usher ushered using usps uss ussr ust usual usually ut utah utc ute utensils uterine uterus utilised
utilitarian utilities utility utilization utilize utilized utilizes utilizing utmost utopia utopian uttar utter
uttered utterly uv uva uw ux uzbekistan v va vacancies vacancy vacant vacate vacated vacation vacations vaccinated
vaccination vaccinations vaccine vaccines vacuum vader vagina vaginal vague vaguely vail vain val vale valencia
valentina valentine valentines valentino valerie valet valiant valid validate validated validation validity valkyrie
valley valleys valor valuable valuables valuation valuations value valued values valuing valve valves vampire vampires
van vance vancouver vandalism vanderbilt vane vanessa vanguard vanilla vanish vanished vanishes vanishing vanity vans
vantage vape vaping vapor vapour var vargas variability variable variables variance variant variants variation
variations varied varies varieties variety various variously varnish varsity vary varying vas vascular vase vases vast
vastly vat vatican vaughan vaughn vault vaulted vaults vauxhall vb vc ve veal vector vectors vedic vee veer veg vega
vegan vegans vegas vegetable vegetables vegetarian vegetarians vegetation veggie veggies vehemently vehicle vehicles
vehicular veil veiled vein veins velocity velvet vendetta vending vendor vendors veneer venerable venetian venezuela
venezuelan vengeance vengeful venice venom venomous vent ventilation venting ventral vents ventura venture ventured
ventures venue venues venus ver vera verb verbal verbally verbatim verbs verde verdict verge verification verified
verify verifying veritable verizon verlag vermont vernacular vernon verona veronica versa versace versailles versatile
versatility verse versed verses version versions versus vertebrae vertex vertical vertically vertigo very vessel
vessels vest vested vests vet veteran veterans veterinarian veterinary veto vetoed vets vetted vettel vetting vfl vg
vhs vi via viability viable viagra vial vials vibe vibes vibrant vibrate vibrating vibration vibrations vibrator vic
vicar vice vicente viceroy vices vicinity vicious vick vickers vicki vicky victim victimized victims victor victoria
victorian victories victorious victory vid vida vidal video videogames videos videotape vids vie vienna viet vietnam
vietnamese view viewed viewer viewers viewership viewing viewpoint viewpoints views vigil vigilance vigilant vigilante
vigor vigorous vigorously vii viii vijay viking vikings viktor vile villa village villagers villages villain villains
villas ville villiers vin vince vincent vinci vine vinegar vines vineyard vineyards vintage vinyl viola violate
violated violates violating violation violations violence violent violently violet violin violinist vip viper viral
virgil virgin virginia virginity virgins virgo virtual virtually virtue virtues virtuous virus viruses vis visa visas
visceral viscosity viscount visibility visible visibly vision visionary visions visit visitation visited visiting
visitor visitors visits vista visual visualization visualize visually visuals vita vital vitality vitamin vitamins
vito vitro viva vivian vivid vividly vivo viz vlad vladimir vm vo vocabulary vocal vocalist vocals vocation vocational
vodafone vodka vogel vogue voice voiced voicemail voiceover voices voicing void vol volatile volatility volcanic
volcano volcanoes voldemort volkswagen volley volleyball vols volt voltage voltaire volts volume volumes voluntarily
voluntary volunteer volunteered volunteering volunteers volvo vomit vomiting von voodoo vortex voss vote voted voter
voters votes voting vouch voucher vouchers vous vow vowed vowel vowels vows vox voyage voyager voyages vp vpn vr vs vt
vu vuitton vulcan vulgar vulnerabilities vulnerability vulnerable vulture vultures vw w wa wacky waco wad wade wading
wafer waffle waffles wag wage waged wager wages waging wagner wagon wagons wah wai wailing wainwright waist wait
waited waiter waiters waitin waiting waitress waits waive waived waiver waivers wake wakefield wakes waking wal
walcott walden waldo waldorf wales walgreens walk walked walker walkers walkin walking walks walkway wall wallace
walled waller wallet wallets wallis wallpaper wallpapers walls wally walmart walnut walnuts walsh walt walter walters
walton waltz wan wand wanda wander wandered wanderer wanderers wandering wanders wang waning wanna wannabe want wanted
wanting wants war warcraft ward warden wardrobe wards ware warehouse warehouses wares warfare warhead warheads warhol
warlord warm warmed warmer warmest warming warmly warms warmth warn warned warner warning warnings warns warp warped
warrant warranted warrants warranty warren warring warrington warrior warriors wars warsaw warship warships wartime
warts warwick warwickshire wary was wash washed washer washes washing washington wasnt wasp wasps waste wasted
wasteful wasteland wastes wastewater wasting wat watch watchdog watched watcher watchers watches watchful watching
watchman water watercolor watered waterfall waterfalls waterford waterfront watergate watering waterloo watermelon
waterproof waters watershed waterway waterways watery watford watkins watson watt watts wave waved wavelength
wavelengths waves waving wavy wax waxed waxing way wayne ways wayward wb wc wcw wd we weak weaken weakened weakening
weakens weaker weakest weakly weakness weaknesses wealth wealthier wealthiest wealthy weapon weaponry weapons wear
wearable wearer wearing wears weary weasel weather weathered weave weaver weavers weaving web webb webber webcam weber
webinar webpage webs website websites webster wed wedding weddings wedge wedges wednesday wednesdays wee weed weeds
week weekday weekdays weekend weekends weekly weeks weep weeping wei weibo weigh weighed weighing weighs weight
weighted weightlifting weights weiner weinstein weir weird weirder weirdest weirdly weirdo weiss welch welcome
welcomed welcomes welcoming weld welded welding welfare well wellbeing weller welles wellington wellness wells welp
welsh wembley wen wendell wendy wenger went wentworth wept were werewolf werner wes wesley wesleyan west westbound
westbrook westchester westerly western westerners westfield westminster weston westside westward westwood wet wetland
wetlands wh wha whack whale whales whaling wharf wharton what whatever whatnot whats whatsapp whatsoever wheat wheaton
wheel wheelchair wheeled wheeler wheeling wheels when whence whenever where whereabouts whereas whereby wherein
whereupon wherever whether whew whey which whichever whiff while whilst whim whimsical whine whining whip whiplash
whipped whipping whips whirlwind whisk whiskey whisky whisper whispered whispering whispers whistle whistleblower
whistler whistles whistling whit whitaker white whitehall whitehead whitehouse whiteness whites whiting whitman
whitney whittaker who whoa whoever whole wholeheartedly wholesale wholesome wholly whom whomever whoop whooping whoops
whopping whore whores whos whose why whyte wi wichita wick wicked wicker wicket wickets wide widely widen widened
widening wider widespread widest widow widowed widower widows width wield wielding wiener wife wifi wig wigan wiggins
wiggle wight wigs wii wiki wikileaks wikipedia wil wilbur wilcox wild wildcard wildcat wildcats wilde wilder
wilderness wildest wildfire wildfires wildlife wildly wiley wilfred wilhelm wilkes wilkins wilkinson will willard
willed willful willfully william williams williamsburg williamson willie willing willingly willingness willis
willoughby willow willpower wills willy wilmington wilson wilt wilton wiltshire wimbledon win winch winchester wind
winding windmill window windows winds windshield windsor windy wine winery wines winfrey wing winged winger wingers
wings wink winn winner winners winnie winning winnings winnipeg wins winslow winston winter winters winthrop wipe
wiped wipes wiping wire wired wireless wires wiring wis wisconsin wisdom wise wisely wiser wish wished wishes wishful
wishing wit witch witchcraft witches with withdraw withdrawal withdrawals withdrawing withdrawn withdraws withdrew
wither withheld withhold withholding within without withstand witness witnessed witnesses witnessing wits witty wives
wiz wizard wizards wk wm wnba wo woah wobble wobbly woe woes woke woken wolf wolfe wolff wolfgang wolverhampton
wolverine wolves woman womb women womens won wonder wondered wonderful wonderfully wondering wonderland wonders
wondrous wong wont woo wood wooded wooden woodland woodlands woodley woodrow woods woodstock woodward woodwork
woodworking woody woof wool woolf woolly worcester worcestershire word worded wording wordpress words wore work
workable worked worker workers workflow workforce workin working workings workload workmanship workout workouts
workplace workplaces works workshop workshops workstation world worldly worlds worldview worldwide worm worms worn
worried worries worry worrying worse worsen worsened worsening worship worshipped worshippers worshipping worst worth
worthington worthless worthwhile worthy wot would wouldnt wound wounded wounding wounds woven wow wp wr wraith wrap
wrapped wrapper wrapping wraps wrath wreath wreck wreckage wrecked wrecking wrecks wren wrench wrenching wrestle
wrestled wrestlemania wrestler wrestlers wrestling wretched wright wrinkle wrinkled wrinkles wrist wrists writ write
writer writers writes writing writings written wrong wrongdoing wronged wrongful wrongly wrongs wrote wrought ws wsj
wt wtf wto wu wut wv ww wwe wwf wwi wwii www wyatt wynn wynne wyoming x xanax xander xavier xbox xd xenophobia
xenophobic xerox xi xiao xiaomi xii xiii xinjiang xiv xl xmas xml xo xp xs xu xv xvi xx xxx y ya yacht yachts yadav
yah yahoo yak yakuza yale yall yam yamaha yan yang yangon yank yankee yankees yanks yao yard yards yarn yates yawn
yawning yay yaya yd ye yea yeah year yearbook yearly yearning years yeast yee yeh yell yelled yelling yellow yellowish
yellowstone yells yelp yemen yemeni yen yeo yeon yep yer yes yesterday yet yeti yew yi yiddish yield yielded yielding
yields yikes yin ying ymca yo yoda yoga yoghurt yogi yogurt yoke yoko yokohama yolk yong yoo yoon york yorker yorkers
yorkshire yoruba yosemite you youll young younger youngest youngster youngsters your youre yours yourself yourselves
youth youthful youths youtube youtuber youtubers youve yr yrs yt yu yuan yuck yugoslav yugoslavia yuki yukon yum yummy
yun yung yup yuri yusuf yves yvette yvonne z za zac zach zachary zack zak zambia zane zara ze zeal zealand zebra zed
zee zeke zelda zen zenith zeppelin zero zeros zest zeta zeus zhang zhao zhou zhu zig zimbabwe zimmer zimmerman zinc
zion zionism zionist zip zipper zodiac zoe zoey zombie zombies zone zoned zones zoning zoo zoological zoology zoom
zoos zu zuckerberg zulu zuma zur zurich à â é ó
"""


@cache
def _known() -> frozenset[str]:
    return frozenset(_TEXT.split())


def rare(word: str) -> bool:
    """A word of letters that general English text uses less than once per million words (or never). Numbers
    and words with digits are no English words and never rare."""
    return word.isalpha() and word.lower() not in _known()
