"""What follows from the data: the rules (:mod:`.rules`), the DL reasoner HermiT (:mod:`.hermit`), which facts
are compared between them (:mod:`.entailment`), the culprits of an inconsistency (:mod:`.diagnose`) and the
disagreements of the sources (:mod:`.conflicts`)."""
