"""The coefficients C2..C11 of ScalarTwins.expm1Of: e^r - 1 - r = r^2 (C2 + C3 r + ... + C11 r^9) on |r| <= ln2/2.

A Chebyshev fit of degree 9 to (e^r - 1 - r)/r^2 (mpmath's chebyfit, at 50 digits), each coefficient
rounded to the nearest double and printed as Java reads it back, highest power first; then the
largest error of 1 + r + r^2 (C2 + ... + C11 r^9) relative to e^r, in units of 2^-53.

Run with: python3 expm1_coefficients.py   (needs mpmath; Debian: apt-get install python3-mpmath)
"""
import mpmath as mp

mp.mp.dps = 50
HALF_LN2 = mp.log(2) / 2


def g(r):
    if r == 0:
        return mp.mpf(1) / 2
    return (mp.expm1(r) - r) / r ** 2


coefficients = [float(c) for c in mp.chebyfit(g, [-HALF_LN2, HALF_LN2], 10)]
for power, c in zip(range(11, 1, -1), coefficients):
    print(f"C{power} = {c!r}")
worst = max(abs(mp.polyval([mp.mpf(c) for c in coefficients], r) - g(r)) * r * r / mp.exp(r)
            for r in mp.linspace(-HALF_LN2, HALF_LN2, 4001))
print(f"largest error relative to e^r: {mp.nstr(worst / mp.mpf(2) ** -53, 3)} ulp")
