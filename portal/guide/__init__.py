"""The service guide (服务指南) of an estate: hours and contacts staff write, fee standards and repair service
levels shown live from the committee and repairs apps."""
