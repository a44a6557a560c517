using KeyBox.Bench.Tool;

// bench/run.sh drives this tool; each command reads --name value options.
var command = args.FirstOrDefault() ?? "help";
var options = new Args(args.Skip(1));
return command switch
{
    "prepare" => await Prepare.RunAsync(options),
    "pairs" => await Scenarios.PairsAsync(options),
    "seat-race" => await Scenarios.SeatRaceAsync(options),
    "staleness" => await Scenarios.StalenessAsync(options),
    "report" => Report.Run(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: KeyBox.Bench.Tool prepare|pairs|seat-race|staleness|report --option value ...");
    return 2;
}
