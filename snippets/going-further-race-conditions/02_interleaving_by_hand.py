balance = 100

# Two tellers each deposit 50. Their steps run in this order:
teller_a = balance  # A reads 100
teller_b = balance  # B reads 100 (A has not written yet)
balance = teller_a + 50  # A writes 150
balance = teller_b + 50  # B writes 150: A's deposit is gone

print(f"Expected balance: {100 + 50 + 50}")
print(f"Actual balance:   {balance}")
