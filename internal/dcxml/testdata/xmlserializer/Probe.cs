// Probe: what XmlSerializer (and Web API's XmlMediaTypeFormatter with UseXmlSerializer)
// writes and reads on Mono. Usage:
//   mono Probe.exe write CASE [--formatter]    bytes on stdout
//   mono Probe.exe read TYPE [--formatter] < body   JSON-ish dump of what it read
//   mono Probe.exe canwrite TYPE
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Formatting;
using System.Text;
using System.Xml;
using System.Xml.Serialization;

namespace Shop.Models
{
    public enum Color { Red, Green, Blue }

    public class Address
    {
        public string Street { get; set; }
        public string City { get; set; }
    }

    public class Entity
    {
        public int Id { get; set; }
        public string CreatedBy { get; set; }
    }

    public class Order : Entity
    {
        public string Zeta { get; set; }
        public string Alpha { get; set; }
        public string Missing { get; set; }
        [XmlElement(IsNullable = true)]
        public string NullMarked { get; set; }
        public int? Quantity { get; set; }
        public int? Count { get; set; }
        public decimal Price { get; set; }
        public double Ratio { get; set; }
        public bool Paid { get; set; }
        public Color Color { get; set; }
        public Color? NoColor { get; set; }
        public DateTime CreatedUtc { get; set; }
        public DateTime CreatedLocal { get; set; }
        public DateTime CreatedUnspecified { get; set; }
        public DateTimeOffset When { get; set; }
        public Guid Ref { get; set; }
        public long Big { get; set; }
        public List<string> Tags { get; set; }
        public List<string> Empty { get; set; }
        public List<string> NullList { get; set; }
        public List<Address> Lines { get; set; }
        public Address Ship { get; set; }
        public Address NoShip { get; set; }
        public List<int> Numbers { get; set; }
        public string[] Codes { get; set; }
        public string Text { get; set; }
    }

    public class WithDict
    {
        public string Name { get; set; }
        public Dictionary<string, int> Map { get; set; }
    }

    // Web API's HttpError is IXmlSerializable: XmlSerializer writes its root and lets it
    // write its entries (HttpError.WriteXml: one element per key).
    [XmlRoot("Error")]
    public class HttpErrorLike : IXmlSerializable
    {
        public System.Xml.Schema.XmlSchema GetSchema() { return null; }
        public void ReadXml(XmlReader reader) { throw new NotSupportedException(); }
        public void WriteXml(XmlWriter writer) { writer.WriteElementString("Message", "The request is invalid."); }
    }

    [XmlRoot(Namespace = "urn:shop")]
    public class Rooted
    {
        public string Name { get; set; }
        public Address Where { get; set; }
    }
}

namespace Probe
{
    using Shop.Models;

    public static class Program
    {
        static object Sample(string name)
        {
            switch (name)
            {
                case "Order":
                    return new Order
                    {
                        Id = 7, CreatedBy = "ann", Zeta = "z", Alpha = "a", Missing = null, NullMarked = null,
                        Quantity = null, Count = 3, Price = 12.50m, Ratio = 0.1, Paid = true, Color = Color.Green, NoColor = null,
                        CreatedUtc = new DateTime(2026, 11, 21, 23, 44, 37, 549, DateTimeKind.Utc).AddTicks(9440),
                        CreatedLocal = new DateTime(2026, 11, 21, 23, 44, 37, DateTimeKind.Local),
                        CreatedUnspecified = new DateTime(2026, 11, 21, 23, 44, 37, 500, DateTimeKind.Unspecified),
                        When = new DateTimeOffset(2026, 11, 21, 23, 44, 37, TimeSpan.FromHours(2)),
                        Ref = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), Big = 9007199254740993L,
                        Tags = new List<string> { "a", null, "b & <c> \"d\" 'e'" }, Empty = new List<string>(), NullList = null,
                        Lines = new List<Address> { new Address { Street = "1 Main", City = null }, null },
                        Ship = new Address { Street = "2 High", City = "Oslo" }, NoShip = null,
                        Numbers = new List<int> { 1, 2 }, Codes = new[] { "x" }, Text = "",
                    };
                case "OrderDefault":
                    return new Order();
                case "ListOfOrder":
                    return new List<Order> { new Order { Id = 1, Alpha = "a" } };
                case "ListOfString":
                    return new List<string> { "a", null };
                case "ListOfInt":
                    return new List<int> { 1, 2 };
                case "Address":
                    return new Address { Street = "s" };
                case "NullAddress":
                    return null;
                case "Error":
                    return new HttpErrorLike();
                case "Rooted":
                    return new Rooted { Name = "n", Where = new Address { City = "c" } };
                case "String":
                    return "hello";
                case "Int":
                    return 5;
                case "Color":
                    return Color.Blue;
            }
            throw new ArgumentException("unknown case " + name);
        }

        static Type TypeOf(string name)
        {
            switch (name)
            {
                case "ListOfOrder": return typeof(List<Order>);
                case "ListOfString": return typeof(List<string>);
                case "ListOfInt": return typeof(List<int>);
                case "OrderDefault": return typeof(Order);
                case "NullAddress": return typeof(Address);
                case "Error": return typeof(HttpErrorLike);
                case "String": return typeof(string);
                case "Int": return typeof(int);
            }
            return typeof(Order).Assembly.GetType("Shop.Models." + name, true);
        }

        static XmlMediaTypeFormatter Formatter()
        {
            return new XmlMediaTypeFormatter { UseXmlSerializer = true };
        }

        public static int Main(string[] args)
        {
            try
            {
                bool viaFormatter = args.Contains("--formatter");
                string mode = args[0], name = args[1];
                if (mode == "write")
                {
                    object value = Sample(name);
                    Type type = TypeOf(name);
                    byte[] body;
                    if (viaFormatter)
                    {
                        var content = new ObjectContent(type, value, Formatter(), "application/xml");
                        body = content.ReadAsByteArrayAsync().Result;
                    }
                    else
                    {
                        var ms = new MemoryStream();
                        new XmlSerializer(type).Serialize(ms, value);
                        body = ms.ToArray();
                    }
                    using (Stream stdout = Console.OpenStandardOutput()) stdout.Write(body, 0, body.Length);
                    return 0;
                }
                if (mode == "canwrite")
                {
                    Type type = TypeOf(name);
                    Console.WriteLine("CanWriteType({0}) = {1}", type.Name, Formatter().CanWriteType(type));
                    try { new XmlSerializer(type); Console.WriteLine("new XmlSerializer ok"); }
                    catch (Exception e) { Console.WriteLine("new XmlSerializer: {0}: {1}", e.GetType().FullName, Inner(e).Message); }
                    return 0;
                }
                if (mode == "read")
                {
                    Type type = TypeOf(name);
                    byte[] input;
                    using (var ms = new MemoryStream()) { Console.OpenStandardInput().CopyTo(ms); input = ms.ToArray(); }
                    object value;
                    if (viaFormatter)
                    {
                        var content = new ByteArrayContent(input);
                        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
                        value = Formatter().ReadFromStreamAsync(type, new MemoryStream(input), content.Headers, null).Result;
                    }
                    else
                    {
                        value = new XmlSerializer(type).Deserialize(new MemoryStream(input));
                    }
                    Console.WriteLine(Dump(value));
                    return 0;
                }
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("error: {0}: {1}", Inner(e).GetType().FullName, Inner(e).Message);
                for (Exception x = e; x != null; x = x.InnerException) Console.Error.WriteLine("  {0}: {1}", x.GetType().Name, x.Message);
                return 1;
            }
            return 2;
        }

        static Exception Inner(Exception e)
        {
            while (e is AggregateException && e.InnerException != null) e = e.InnerException;
            return e;
        }

        static string Dump(object v)
        {
            if (v == null) return "null";
            if (v is string) return "\"" + v + "\"";
            // Dates as XmlSerializer writes a DateTime, and as Json.NET writes a DateTimeOffset.
            if (v is DateTime) return "\"" + XmlConvert.ToString((DateTime)v, XmlDateTimeSerializationMode.RoundtripKind) + "\"";
            if (v is DateTimeOffset) return "\"" + ((DateTimeOffset)v).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture) + "\"";
            if (v is bool) return ((bool)v) ? "true" : "false";
            if (v is Enum || v is Guid) return "\"" + v + "\"";
            if (v.GetType().IsPrimitive || v is decimal) return Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture);
            if (v is System.Collections.IEnumerable)
                return "[" + String.Join(",", ((System.Collections.IEnumerable)v).Cast<object>().Select(Dump)) + "]";
            return "{" + String.Join(",", v.GetType().GetProperties().Select(p => "\"" + p.Name + "\":" + Dump(p.GetValue(v, null)))) + "}";
        }
    }
}
