"""One module per sentence label (time, commitment, specificity, deflection) and the
sentence table that puts them side by side.
"""
