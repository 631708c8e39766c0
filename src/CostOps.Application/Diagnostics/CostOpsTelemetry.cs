using System.Diagnostics;
using System.Diagnostics.Metrics;
using CostOps.Application.Results;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Diagnostics;

/// <summary>
/// CostOps' own traces and metrics, under one name (<see cref="Name"/>) for both the <see cref="ActivitySource"/> and the
/// <see cref="Meter"/>: a trace per job run with a child span per upstream source read, and the run, row, upstream-call,
/// autopilot-decision and digest-send instruments. Plain <c>System.Diagnostics</c>: the host decides whether anything
/// listens (the Functions app's OpenTelemetry set-up does), and without a listener every call here costs next to nothing.
/// </summary>
public static class CostOpsTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "CostOps";

    /// <summary>Tag keys, shared by spans and metrics so a trace and a chart can be filtered the same way.</summary>
    public static class Tags
    {
        /// <summary>The job (function) name, e.g. <c>NightlyTco</c>, <c>TcoRecalculate</c>, <c>Autopilot</c>, <c>WeeklyDigest</c>.</summary>
        public const string Job = "costops.job";

        /// <summary>How a run ended: <c>succeeded</c>, <c>partial</c> or <c>failed</c>.</summary>
        public const string Status = "costops.status";

        /// <summary>The run id, as in the <c>Runs</c> table (spans only: one value per run).</summary>
        public const string RunId = "costops.run_id";

        /// <summary>What started the run: <c>timer</c>, <c>http</c> or <c>cli</c>.</summary>
        public const string Trigger = "costops.trigger";

        /// <summary>A telemetry source's configured name (<c>CostOps:Sources</c>).</summary>
        public const string Source = "costops.source";

        /// <summary>What was read from the source: <c>fleet</c>, <c>gpuCost</c>, <c>apiUsage</c>, ...</summary>
        public const string Signal = "costops.signal";

        /// <summary>The workload a per-workload read was for (spans only).</summary>
        public const string Workload = "costops.workload";

        /// <summary>An autopilot decision's action (<c>hold</c>, <c>pause</c>, <c>resume</c>, <c>scale-out</c>, <c>scale-in</c>).</summary>
        public const string Action = "costops.action";

        /// <summary>The decision's effective mode (<c>off</c>, <c>dry-run</c>, <c>enforce</c>).</summary>
        public const string Mode = "costops.mode";

        /// <summary>A digest transport's name.</summary>
        public const string Transport = "costops.transport";

        /// <summary>What the transport did: <c>posted</c>, <c>already-posted</c>, <c>in-progress</c>, <c>failed</c>.</summary>
        public const string Outcome = "costops.outcome";
    }

    /// <summary>Instrument names, as a chart or an alert refers to them.</summary>
    public static class Instruments
    {
        public const string RunDuration = "costops.run.duration";
        public const string RowsWritten = "costops.rows.written";
        public const string UpstreamCalls = "costops.upstream.calls";
        public const string AutopilotDecisions = "costops.autopilot.decisions";
        public const string DigestSends = "costops.digest.sends";
    }

    /// <summary>The one activity source: job runs and upstream reads.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>The one meter.</summary>
    public static readonly Meter Meter = new(Name);

    // Runs take seconds to the 30-minute function timeout: buckets for that range (the SDK's defaults suit milliseconds).
    private static readonly Histogram<double> s_runDuration = Meter.CreateHistogram(
        Instruments.RunDuration, "s", "How long a job run took, by job and status.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 1800] });

    private static readonly Counter<long> s_rowsWritten = Meter.CreateCounter<long>(
        Instruments.RowsWritten, "{row}", "Table rows a run wrote (DailyTco, Decisions, DigestPosts), by job.");

    private static readonly Counter<long> s_upstreamCalls = Meter.CreateCounter<long>(
        Instruments.UpstreamCalls, "{call}", "HTTP requests sent upstream (retries included), by telemetry source when one is being read.");

    private static readonly Counter<long> s_decisions = Meter.CreateCounter<long>(
        Instruments.AutopilotDecisions, "{decision}", "Autopilot decisions recorded, by action and effective mode.");

    private static readonly Counter<long> s_digestSends = Meter.CreateCounter<long>(
        Instruments.DigestSends, "{send}", "Digest deliveries attempted, by transport and outcome.");

    // The source being read in this async flow, so the HTTP pipeline's call counter can name it without knowing the
    // source itself (the handler sits below Azure.Core's pipeline, where only the request is at hand).
    private static readonly AsyncLocal<string?> s_currentSource = new();

    /// <summary>Starts the trace of one job run; dispose it after <see cref="JobRun.Finish"/> (a run disposed unfinished counts as failed).</summary>
    public static JobRun StartRun(string job, string runId, string trigger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        var activity = ActivitySource.StartActivity(job, ActivityKind.Internal);
        activity?.SetTag(Tags.Job, job);
        activity?.SetTag(Tags.RunId, runId);
        activity?.SetTag(Tags.Trigger, trigger);
        return new JobRun(job, activity);
    }

    /// <summary>
    /// A child span for one read of a telemetry source; while it is open, upstream calls in this async flow are
    /// counted under <paramref name="source"/>.
    /// </summary>
    public static UpstreamRead StartUpstreamRead(string signal, string source, string? workloadId = null)
    {
        var activity = ActivitySource.StartActivity($"read {signal}", ActivityKind.Internal);
        activity?.SetTag(Tags.Signal, signal);
        activity?.SetTag(Tags.Source, source);
        if (workloadId is not null)
        {
            activity?.SetTag(Tags.Workload, workloadId);
        }
        var previous = s_currentSource.Value;
        s_currentSource.Value = source;
        return new UpstreamRead(activity, previous);
    }

    /// <summary>One HTTP request sent upstream, tagged with the source being read if any.</summary>
    public static void UpstreamCallSent()
    {
        if (s_currentSource.Value is { } source)
        {
            s_upstreamCalls.Add(1, new KeyValuePair<string, object?>(Tags.Source, source));
        }
        else
        {
            // Unknown stays unknown: no source tag rather than a made-up one.
            s_upstreamCalls.Add(1);
        }
    }

    /// <summary>One autopilot decision recorded.</summary>
    public static void DecisionRecorded(DecisionAction action, AutopilotMode mode) =>
        s_decisions.Add(1, new KeyValuePair<string, object?>(Tags.Action, DecisionRecord.Kebab(action)), new KeyValuePair<string, object?>(Tags.Mode, DecisionRecord.Kebab(mode)));

    /// <summary>One digest transport's outcome.</summary>
    public static void DigestSent(string transport, Digest.Publishing.DigestPublishStatus outcome) =>
        s_digestSends.Add(1, new KeyValuePair<string, object?>(Tags.Transport, transport), new KeyValuePair<string, object?>(Tags.Outcome, DecisionRecord.Kebab(outcome)));

    /// <summary>The trace and metrics of one job run.</summary>
    public sealed class JobRun : IDisposable
    {
        private readonly string _job;
        private readonly Activity? _activity;
        private bool _finished;

        internal JobRun(string job, Activity? activity)
        {
            _job = job;
            _activity = activity;
        }

        /// <summary>Records how the run ended, from its <c>Runs</c> row: duration, status and rows written.</summary>
        public void Finish(RunRecord run)
        {
            ArgumentNullException.ThrowIfNull(run);
            if (_finished)
            {
                return;
            }
            _finished = true;
            var status = DecisionRecord.Kebab(run.Status);
            _activity?.SetTag(Tags.Status, status);
            if (run.Status == Jobs.JobStatus.Failed)
            {
                _activity?.SetStatus(ActivityStatusCode.Error, run.Errors.Count > 0 ? run.Errors[0] : "failed");
            }
            var job = new KeyValuePair<string, object?>(Tags.Job, _job);
            // The Runs row's own clock (the app's TimeProvider), so the metric and the table agree.
            s_runDuration.Record(Math.Max(0, run.Duration.TotalSeconds), job, new KeyValuePair<string, object?>(Tags.Status, status));
            if (run.RowsWritten > 0)
            {
                s_rowsWritten.Add(run.RowsWritten, job);
            }
        }

        public void Dispose()
        {
            if (!_finished)
            {
                // Cancelled or thrown before a Runs row was written: the trace says so; no duration is invented.
                _activity?.SetTag(Tags.Status, "failed");
                _activity?.SetStatus(ActivityStatusCode.Error, "the run ended without a result");
            }
            _activity?.Dispose();
        }
    }

    /// <summary>An open upstream read; disposing it ends the span and restores the previous source.</summary>
    public sealed class UpstreamRead : IDisposable
    {
        private readonly Activity? _activity;
        private readonly string? _previousSource;

        internal UpstreamRead(Activity? activity, string? previousSource)
        {
            _activity = activity;
            _previousSource = previousSource;
        }

        /// <summary>Marks the read as failed (the source did not answer).</summary>
        public void Fail(string message) => _activity?.SetStatus(ActivityStatusCode.Error, message);

        public void Dispose()
        {
            s_currentSource.Value = _previousSource;
            _activity?.Dispose();
        }
    }
}
