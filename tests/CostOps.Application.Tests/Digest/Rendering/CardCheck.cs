namespace CostOps.Application.Tests.Digest.Rendering;

/// <summary>What the official Adaptive Cards renderer said about one card.</summary>
public sealed record CardCheck(string? Version, IReadOnlyList<CardEvent> ParseEvents, IReadOnlyList<CardEvent> ValidationEvents);

/// <summary>One problem the renderer reported while parsing or validating.</summary>
public sealed record CardEvent(string? Phase, string? Event, string? Source, string? Message);
