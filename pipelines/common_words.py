"""General English words that say nothing about a business: the Glasgow information-retrieval group's
stop word list (as shipped with scikit-learn, BSD licence), less the words pipelines/retrieval.py already
drops or never counts. A document not using "along", "several", "amount" or "whole" says nothing about whether it
answers the question, so such a word never counts as one the documents do not know.
"""

_TEXT = """
above across after afterwards almost alone along already although always among amongst amoungst amount another
anyhow anyone anyway anywhere became become becomes becoming before beforehand behind below beside besides
between beyond bill bottom call cannot cant co couldnt cry describe detail down due eg eight either eleven
else elsewhere empty enough etc even ever every everyone everything everywhere except fifteen fifty fill fire
first five former formerly forty found four front full hasnt hence her hereafter hereby herein hereupon
however hundred ie inc indeed interest keep last latter latterly least less ltd made meanwhile mill moreover
mostly move name namely neither never nevertheless next nine nobody none noone nothing nowhere off others
otherwise out over part per perhaps rather seem seemed seeming seems serious several show side since sincere
six sixty somehow someone sometime sometimes somewhere system ten thence thereafter thereby therefore therein
thereupon thick thin third though three through throughout thru thus together top toward towards twelve twenty
two under until up upon via well whatever whence whenever whereafter whereas whereby wherein whereupon
wherever whether whither whoever whole within
"""
COMMON_WORDS = frozenset(_TEXT.split())
