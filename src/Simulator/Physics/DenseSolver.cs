namespace HydroOxygen.Simulator.Physics;

/// <summary>Gaussian elimination with partial pivoting for the plant's few-by-few systems.</summary>
internal static class DenseSolver
{
    /// <summary>Solves A·x = b in place: <paramref name="b"/> becomes x, <paramref name="a"/> is destroyed.</summary>
    public static void SolveInPlace(Span<double> a, Span<double> b, int n)
    {
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            var best = Math.Abs(a[(col * n) + col]);
            for (var row = col + 1; row < n; row++)
            {
                var candidate = Math.Abs(a[(row * n) + col]);
                if (candidate > best)
                {
                    best = candidate;
                    pivot = row;
                }
            }

            if (best == 0.0)
            {
                throw new InvalidOperationException("Singular pneumatic system: a chamber has no volume or the step is not finite.");
            }

            if (pivot != col)
            {
                for (var k = 0; k < n; k++)
                {
                    (a[(col * n) + k], a[(pivot * n) + k]) = (a[(pivot * n) + k], a[(col * n) + k]);
                }

                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            var diagonal = a[(col * n) + col];
            for (var row = col + 1; row < n; row++)
            {
                var factor = a[(row * n) + col] / diagonal;
                if (factor == 0.0)
                {
                    continue;
                }

                for (var k = col; k < n; k++)
                {
                    a[(row * n) + k] -= factor * a[(col * n) + k];
                }

                b[row] -= factor * b[col];
            }
        }

        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= a[(row * n) + k] * b[k];
            }

            b[row] = sum / a[(row * n) + row];
        }
    }
}
