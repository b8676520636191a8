def parse(text):
    return int(text)


try:
    parse("forty-two")  # (1)!
except ValueError as error:
    print(f"Caught in the caller: {error}")
print("The program goes on")
