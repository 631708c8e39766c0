using System.Text;
using CostOps.Application.Verdicts;
using CostOps.Domain.Observed;

namespace CostOps.Application.Digest.Rendering;

/// <summary>Renders the digest as plain text (logs, terminals, the text part of a local run). Pure: no I/O.</summary>
public sealed class TextDigestRenderer(DigestRenderOptions options)
{
    private readonly DigestRenderOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Renders the text.</summary>
    public string Render(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var now = digest.ThisWeek;
        var before = digest.PreviousWeek;
        var text = new StringBuilder();
        var title = DigestNumbers.Title(digest.Week);
        text.AppendLine(title).AppendLine(new string('=', title.Length))
            .AppendLine($"{DigestNumbers.Period(digest.Week)}, generated {DigestNumbers.Timestamp(digest.GeneratedAt)}");
        if (digest.IsWeekInProgress)
        {
            text.AppendLine("Week in progress: figures cover the days so far.");
        }
        text.AppendLine()
            .AppendLine($"Savings vs API:       {DigestNumbers.Money(now.Savings)}, {DigestNumbers.MoneyChange(now.Savings, before.Savings)}")
            .AppendLine($"Self-hosted cost:     {DigestNumbers.Money(now.SelfHostedCost)}, {DigestNumbers.MoneyChange(now.SelfHostedCost, before.SelfHostedCost)}")
            .AppendLine($"API-equivalent cost:  {DigestNumbers.Money(now.ApiEquivalentCost)}, {DigestNumbers.MoneyChange(now.ApiEquivalentCost, before.ApiEquivalentCost)}")
            .AppendLine($"API spend (routed):   {DigestNumbers.Money(now.ApiActualCost)}")
            .AppendLine($"Requests:             {DigestNumbers.Count(now.Requests)} ({DigestNumbers.Count(now.SelfHostedRequests)} self-hosted, {DigestNumbers.Count(now.ApiRoutedRequests)} API-routed; {DigestNumbers.CountChange(now.Requests, before.Requests)})")
            .AppendLine($"Workloads:            {digest.CountIn(Verdict.AboveBreakEven)} above break-even, {digest.CountIn(Verdict.BelowBreakEven)} below, " +
                        $"{digest.CountIn(Verdict.NeverBreaksEven)} never break even, {digest.CountIn(Verdict.NoData)} without data")
            .AppendLine($"Autopilot:            {digest.ActionsTakenCount} actions taken, {digest.ActionsPlannedCount} planned");

        if (digest.PortfolioWarnings.Count > 0)
        {
            text.AppendLine().AppendLine("Needs attention:");
            foreach (var warning in digest.PortfolioWarnings)
            {
                text.AppendLine($"  ! {warning.Message}");
            }
        }

        foreach (var workload in digest.Workloads)
        {
            var totals = workload.ThisWeek;
            text.AppendLine()
                .AppendLine($"{Name(workload)}: {workload.State.Words()}, demand ÷ break-even {DigestNumbers.DemandVsBreakEven(workload)}")
                .AppendLine($"  {DigestNumbers.VerdictLine(workload)}")
                .AppendLine($"  {DigestNumbers.Count(totals.Requests)} requests, self-hosted {DigestNumbers.Money(totals.SelfHostedCost)}, " +
                            $"API-equivalent {DigestNumbers.Money(totals.ApiEquivalentCost)}, savings {DigestNumbers.Money(totals.Savings)}")
                .AppendLine($"  {workload.WhatWouldChange}");
            foreach (var action in workload.Actions)
            {
                text.AppendLine($"  - {DigestNumbers.ActionLine(action)}");
            }
            foreach (var warning in workload.Warnings)
            {
                text.AppendLine($"  ! {warning.Message}");
            }
            if (workload.EstimatedCostDays > 0)
            {
                text.AppendLine($"  GPU cost is an estimate (hours × list rate) on {workload.EstimatedCostDays} of {workload.DaysWithData} days with data.");
            }
        }
        if (digest.Workloads.Count == 0)
        {
            text.AppendLine().AppendLine("! The catalog lists no workload.");
        }
        if (_options.DashboardUrl is { } dashboard)
        {
            text.AppendLine().AppendLine($"Dashboard: {dashboard.AbsoluteUri}");
        }
        return text.ToString();
    }

    private static string Name(WorkloadDigest workload) =>
        workload.DisplayName == workload.WorkloadId ? workload.WorkloadId : $"{workload.DisplayName} ({workload.WorkloadId})";
}
