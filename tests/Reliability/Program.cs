using HydroOxygen.Reliability;

return ReliabilityCommand.Run(args, Console.Out, Console.Error);
