import math
import pickle


def make_adder(k):
    def add(n):
        return n + k

    return add


# What a process pool must pickle to send a task to a worker process.
candidates = [
    ("len", len),
    ("math.sqrt", math.sqrt),
    ("[1, 2, 3]", [1, 2, 3]),
    ("a lambda", lambda n: n * n),
    ("a nested function", make_adder(1)),
    ("a generator", (n for n in range(3))),
]
for name, value in candidates:
    try:
        pickle.dumps(value)
    except (pickle.PicklingError, AttributeError, TypeError):
        print(f"{name}: no")
    else:
        print(f"{name}: yes")

# Which of them pickle? Replace the text below with your answer.
PREDICTION = """\
len: yes
math.sqrt: yes
[1, 2, 3]: yes
a lambda: yes
a nested function: yes
a generator: no
"""
