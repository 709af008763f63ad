using System.Net;

namespace DriftWatch.Aws;

/// <summary>An AWS call that failed: the service's error code and message, and which call it was.</summary>
public sealed class AwsServiceException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    public AwsServiceException(
        string service,
        string operation,
        string errorCode,
        string message,
        HttpStatusCode statusCode,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Service = service;
        Operation = operation;
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    /// <summary>The service that answered, e.g. CloudTrail.</summary>
    public string Service { get; }

    /// <summary>The operation called, e.g. GetTrailStatus.</summary>
    public string Operation { get; }

    /// <summary>The AWS error code without any namespace prefix, e.g. TrailNotFoundException.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status of the last attempt; 0 when no response arrived.</summary>
    public HttpStatusCode StatusCode { get; }
}
