import pickle


def square(n):
    return n * n


things = {
    "a top-level function": square,
    "a list of numbers and strings": [1, "two", 3.0],
    "a lambda": lambda n: n * n,
}
for label, thing in things.items():
    try:
        restored = pickle.loads(pickle.dumps(thing))  # (1)!
    except (AttributeError, pickle.PicklingError):  # (2)!
        print(f"{label}: cannot be pickled")
    else:
        print(f"{label}: pickled and back, {restored == thing}")
