namespace Coursera.Catalog.Model;

/// <summary>Moves one element of an ordered list and renumbers positions 0..n-1, so positions stay dense.</summary>
public static class Ordering
{
    public static void Move<T>(List<T> ordered, T element, int position, Action<T, int> setPosition)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(setPosition);
        ordered.Remove(element);
        ordered.Insert(Math.Clamp(position, 0, ordered.Count), element);
        Renumber(ordered, setPosition);
    }

    public static void Renumber<T>(IReadOnlyList<T> ordered, Action<T, int> setPosition)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(setPosition);
        for (var i = 0; i < ordered.Count; i++)
        {
            setPosition(ordered[i], i);
        }
    }
}
