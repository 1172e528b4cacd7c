"""Running wenlint on the engines that clean corpora at scale: :mod:`.dask` (``pip install
"wenlint[dask]"``) and :mod:`.datatrove` (``pip install "wenlint[datatrove]"``)."""
