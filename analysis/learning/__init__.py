"""Learning labels from readers: the features a sentence offers, the plain-array model format,
and make train (model choice, calibration and the learning curve, on the training split only).
"""
