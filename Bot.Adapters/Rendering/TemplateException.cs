namespace AccessBot.Adapters.Rendering;

/// <summary>A template that does not parse (start-up) or does not render (a model/template mismatch).</summary>
public sealed class TemplateException(string message, Exception? inner = null) : Exception(message, inner);
